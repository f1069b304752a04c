namespace Learn.Jobs.Scheduling;

/// <summary>
/// The numbers every recurring job shares (docs/decisions/0403): three retries after 1, 5 and 15 minutes, so a
/// daily notice that fails for a transient reason is sent at most ~21 minutes late or shown as Failed; and how long
/// a run waits for the previous one of the same job (a daily job never overlaps itself, the per-minute contest job may).
/// </summary>
public static class JobPolicy
{
    public const int Attempts = 3;
    public const int FirstDelay = 60;
    public const int SecondDelay = 300;
    public const int ThirdDelay = 900;
    public const int LockWaitSeconds = 60;
}
