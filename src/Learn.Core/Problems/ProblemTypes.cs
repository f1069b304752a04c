namespace Learn.Core.Problems;

/// <summary>
/// Stable machine-readable <c>type</c> values for RFC 7807 problem details. Clients branch on
/// these; the Chinese <c>title</c> is for people. Never rename one: add a new one.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:learn:problem:";
    public const string BadRequest = Prefix + "bad-request";
    public const string Validation = Prefix + "validation";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string Conflict = Prefix + "conflict";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string Internal = Prefix + "internal";
    public const string Unavailable = Prefix + "unavailable";
}
