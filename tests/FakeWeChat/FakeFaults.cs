namespace FakeWeChat;

/// <summary>Failures the fake injects into its next matching answers.</summary>
internal sealed class FakeFaults
{
    private readonly List<Fault> _faults = [];
    private readonly Lock _lock = new();

    public void Add(string? path, int times, int? errCode, int? httpStatus, TimeSpan? delay)
    {
        lock (_lock) _faults.Add(new Fault(path, times, errCode, httpStatus, delay));
    }

    public void Clear()
    {
        lock (_lock) _faults.Clear();
    }

    /// <summary>Takes one use of the oldest fault matching <paramref name="path"/>: one fault per request, in the order added.</summary>
    public (TimeSpan? Delay, int? ErrCode, int? HttpStatus) Take(string path)
    {
        lock (_lock)
        {
            var fault = _faults.FirstOrDefault(f => f.Matches(path));
            if (fault is null) return (null, null, null);
            if (--fault.Remaining == 0) _faults.Remove(fault);
            return (fault.Delay, fault.ErrCode, fault.HttpStatus);
        }
    }

    private sealed class Fault(string? path, int times, int? errCode, int? httpStatus, TimeSpan? delay)
    {
        public int Remaining { get; set; } = times;
        public int? ErrCode { get; } = errCode;
        public int? HttpStatus { get; } = httpStatus;
        public TimeSpan? Delay { get; } = delay;

        // A fault without a path hits every API except the token endpoints, so "fail the next send"
        // does not accidentally fail the token fetch that precedes it.
        public bool Matches(string p) => path is null ? !FakePaths.IsTokenEndpoint(p) : string.Equals(path, p, StringComparison.Ordinal);
    }
}
