using Learn.Core.Contests.Boards;

namespace Learn.Core.Contests;

/// <summary>What an organiser fills in to launch a contest.</summary>
public sealed record ContestDraft
{
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public ContestMode Mode { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    /// <summary>Audience subtrees (organisation ids); may be empty when a whitelist is given.</summary>
    public IReadOnlyList<long> AudienceOrganizationIds { get; init; } = [];
    public IReadOnlyList<long> WhitelistMemberIds { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public int EasyCount { get; init; }
    public int MediumCount { get; init; }
    public int HardCount { get; init; }
    public int SecondsPerQuestion { get; init; } = 20;
    public int AttemptsPerDay { get; init; }
    public int AttemptsTotal { get; init; }
    public int PointsPerCorrect { get; init; } = 10;
    public int SpeedBonusMax { get; init; }
    public int MinHumanMs { get; init; } = 800;
    public bool HideBoardUntilClose { get; init; }
    public bool PublicBoard { get; init; }

    /// <summary>Field → Chinese messages; empty when the draft is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 100) Add(nameof(Title), "标题不能为空且不超过 100 字");
        if (EndsAt <= StartsAt) Add(nameof(EndsAt), "结束时间必须晚于开始时间");
        if (AudienceOrganizationIds.Count == 0 && WhitelistMemberIds.Count == 0) Add(nameof(AudienceOrganizationIds), "请选择参赛范围（组织或名单）");
        if (SecondsPerQuestion is < 5 or > 600) Add(nameof(SecondsPerQuestion), "每题限时应在 5–600 秒之间");
        if (PointsPerCorrect is < 1 or > 1000) Add(nameof(PointsPerCorrect), "每题分值应在 1–1000 之间");
        if (SpeedBonusMax is < 0 or > 1000) Add(nameof(SpeedBonusMax), "速度加分应在 0–1000 之间");
        if (EasyCount < 0 || MediumCount < 0 || HardCount < 0) Add(nameof(EasyCount), "题量不能为负数");
        if (Mode == ContestMode.Timed)
        {
            var count = EasyCount + MediumCount + HardCount;
            if (count is < 1 or > 200) Add(nameof(EasyCount), "限时答题每次抽题 1–200 道");
            // The board packs the score into 16 bits (ADR 0300): a paper's maximum must fit.
            else if ((long)count * (PointsPerCorrect + SpeedBonusMax) > BoardScore.MaxScore) Add(nameof(PointsPerCorrect), $"满分不能超过 {BoardScore.MaxScore}");
        }
        if (AttemptsPerDay < 0 || AttemptsTotal < 0) Add(nameof(AttemptsPerDay), "答题次数不能为负数");
        if (Categories.Any(c => c.Length is 0 or > 20)) Add(nameof(Categories), "分类名称应为 1–20 字");
        return errors;
    }
}
