using System.ComponentModel.DataAnnotations;

namespace Learn.Simulator;

/// <summary>Section <c>Simulator</c>: where the member page's API calls go and how much of the inbox is kept.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>Learn.Api, which the 模拟小程序 page reaches through this host (same origin, no CORS in Learn.Api).</summary>
    [Required, Url]
    public string ApiUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Newest messages kept in memory; older ones are dropped (a demo runs for hours, not months).</summary>
    [Range(10, 1_000_000)]
    public int InboxCapacity { get; set; } = 5000;
}
