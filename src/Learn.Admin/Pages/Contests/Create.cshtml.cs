using System.ComponentModel.DataAnnotations;
using Learn.Admin.Hosting;
using Learn.Core.Contests;
using Learn.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Learn.Admin.Pages.Contests;

/// <summary>
/// 新建竞赛 for all three modes. The rules are <see cref="ContestDraft.Validate"/> and
/// <see cref="ContestAdmin.CreateAsync"/> (scope, audience, enough questions); this page converts
/// Shanghai wall-clock times to UTC, resolves the pasted audience list (<see cref="ContestWhitelist"/>)
/// and shows the messages beside the fields, one per list line that could not be resolved.
/// </summary>
public sealed class CreateModel(ContestAdmin contests, ContestWhitelist whitelist, OrganizationTree tree, ContestCaches caches, TimeProvider clock)
    : AdminPageModel
{
    public sealed class Form
    {
        [Required(ErrorMessage = "请填写标题")]
        public string? Title { get; set; }
        public string? Description { get; set; }
        public ContestMode Mode { get; set; } = ContestMode.Timed;
        [Required(ErrorMessage = "请填写开始时间")]
        public DateTime? StartsAt { get; set; }
        [Required(ErrorMessage = "请填写结束时间")]
        public DateTime? EndsAt { get; set; }
        [Required(ErrorMessage = "请选择主办组织")]
        public long? OrganizationId { get; set; }
        public List<long> AudienceOrganizationIds { get; set; } = [];
        /// <summary>Pasted list, one member a line (mobile, name, or both), resolved within the organiser's scope.</summary>
        public string? Whitelist { get; set; }
        public List<string> Categories { get; set; } = [];
        public int EasyCount { get; set; } = 4;
        public int MediumCount { get; set; } = 4;
        public int HardCount { get; set; } = 2;
        public int SecondsPerQuestion { get; set; } = 20;
        public int AttemptsPerDay { get; set; } = 3;
        public int AttemptsTotal { get; set; }
        public int PointsPerCorrect { get; set; } = 10;
        public int SpeedBonusMax { get; set; }
        public bool HideBoardUntilClose { get; set; }
        public bool PublicBoard { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public List<SelectListItem> Organizations { get; private set; } = [];
    /// <summary>One Chinese message per list line that could not be resolved.</summary>
    public IReadOnlyList<string> WhitelistErrors { get; private set; } = [];
    public IReadOnlyList<string> AllCategories { get; private set; } = [];

    public static IEnumerable<(ContestMode Mode, string Hint)> Modes { get; } =
    [
        (ContestMode.Timed, "每次随机抽题，限时作答，取最好成绩"),
        (ContestMode.Challenge, "连续答题，答错即止"),
        (ContestMode.Live, "主持人逐题出题，全场同步作答，大屏实时排名"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var start = ContestNames.ToShanghai(clock.GetUtcNow().UtcDateTime);
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0).AddMinutes(5);
        Input.StartsAt = start;
        Input.EndsAt = start.AddDays(7);
        Input.OrganizationId = Scope.OrganizationId;
        if (Scope.OrganizationId is { } own) Input.AudienceOrganizationIds = [own];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var listed = await whitelist.ResolveAsync(Scope.PathPrefix(), Input.Whitelist, ct);
        if (listed.Errors.Count > 0)
        {
            WhitelistErrors = listed.Errors;
            ModelState.AddModelError("Input.Whitelist", $"参赛名单中有 {listed.Errors.Count} 行无法识别，请按提示修改");
            return Page();
        }
        var draft = new ContestDraft
        {
            Title = Input.Title!.Trim(), Description = Input.Description ?? "", Mode = Input.Mode,
            StartsAt = ContestNames.ToUtc(Input.StartsAt!.Value), EndsAt = ContestNames.ToUtc(Input.EndsAt!.Value),
            AudienceOrganizationIds = Input.AudienceOrganizationIds, WhitelistMemberIds = listed.MemberIds, Categories = Input.Categories,
            // Only timed papers draw a fixed number per difficulty; the other modes draw one at a time.
            EasyCount = Input.Mode == ContestMode.Timed ? Input.EasyCount : 0,
            MediumCount = Input.Mode == ContestMode.Timed ? Input.MediumCount : 0,
            HardCount = Input.Mode == ContestMode.Timed ? Input.HardCount : 0,
            SecondsPerQuestion = Input.SecondsPerQuestion,
            AttemptsPerDay = Input.Mode == ContestMode.Live ? 0 : Input.AttemptsPerDay,
            AttemptsTotal = Input.Mode == ContestMode.Live ? 0 : Input.AttemptsTotal,
            PointsPerCorrect = Input.PointsPerCorrect, SpeedBonusMax = Input.SpeedBonusMax,
            HideBoardUntilClose = Input.HideBoardUntilClose, PublicBoard = Input.PublicBoard,
        };
        var created = await contests.CreateAsync(Scope.PathPrefix(), Input.OrganizationId!.Value, draft, Scope.Actor(), ct);
        if (created.Contest is null)
        {
            foreach (var (field, messages) in created.Errors)
                foreach (var message in messages) ModelState.AddModelError("Input." + field, message);
            return Page();
        }
        Flash = $"已创建竞赛：{created.Contest.Title}";
        return RedirectToPage("Details", new { id = created.Contest.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Organizations = OrganizationOptions.Of(await tree.ListAsync(Scope, ct));
        AllCategories = (await caches.PoolAsync(ct)).SelectMany(q => q.Tags.Split('|', StringSplitOptions.RemoveEmptyEntries))
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
