using System.ComponentModel.DataAnnotations;

namespace Learn.Core.Notices;

/// <summary>Bound from <c>Notices</c>: how many notices one organiser may send per Shanghai calendar day.</summary>
public sealed class NoticeOptions
{
    public const string Section = "Notices";

    /// <summary>
    /// Each notice can reach a whole subtree, and every member's WeChat quota (template messages a day, one
    /// subscribe message per consent) is shared with the platform's own reminders, so sending is rationed.
    /// </summary>
    [Range(1, 1000)]
    public int PerOrganizerPerDay { get; set; } = 5;
}
