using Learn.Api.Auth;
using Learn.Api.Contests;
using Learn.Api.Me;
using Learn.Api.Notifications;
using Learn.Api.Study;
using Learn.Core.Contests.Boards;
using Learn.Core.Identity;
using Learn.Core.Members;

namespace Learn.Api.OpenApi;

/// <summary>
/// Request and response examples of the member contract, keyed by "METHOD /route". Built from the real
/// payload types, so a renamed field breaks the build instead of leaving a stale example.
/// </summary>
internal static class ContractExamples
{
    public sealed record Example(object? Request, object? Response);

    private static readonly DateTime Now = new(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc);
    private const string Access = "eyJpaWQiOjEyLCJtaWQiOjM0NX0.c2lnbmF0dXJl";
    private const string Refresh = "r1.3q2+7w8z9aBcDeFgHiJkLmNoPqRsTuVw";

    private static readonly QuestionPayload Question = new(3, 1024, "single", "中国共产党第一次全国代表大会在（  ）召开。",
        [new("A", "上海"), new("B", "北京"), new("C", "广州"), new("D", "武汉")], Now, Now.AddSeconds(20), 17.5, Ticket);

    /// <summary>Shape only: a real ticket is signed for one member's one question (see AnswerTickets).</summary>
    private const string Ticket = "1024.1795312800000000.1795312820000000.3f9c0e7a51b2d84c6a0e9f1d2b7c4a58";

    private static readonly ArticleItem Article = new(101, "中共一大的召开", 1, "党史学习", "1921 年 7 月，中国共产党第一次全国代表大会……", null,
        "学习平台编辑部", new DateOnly(2026, 11, 22), 90);

    private static readonly PracticeQuestionItem Practiced = new(1, "single", Question.Stem, [.. Question.Options],
        new PracticeAnswerItem("A", true, "A", "1921 年 7 月，中共一大在上海召开，后转移到浙江嘉兴南湖。", 2));

    private static readonly BoardRow Row = new(1, 345, "张红", 12, 280, 28, 96_500);

    private static readonly Dictionary<string, Example> ByOperation = new(StringComparer.Ordinal)
    {
        ["POST /api/auth/wx-login"] = new(new AuthApi.WxLoginRequest("0a1b2c3d4e5f（wx.login 返回的 code）"), new LoginTokens(Access, Refresh, 7200, false)),
        ["POST /api/auth/refresh"] = new(new AuthApi.RefreshRequest(Refresh), new LoginTokens(Access, "r1.新的refreshToken", 7200, true)),
        ["POST /api/auth/bind"] = new(new BindRequest("DEMO2026", "张红", null), new AuthApi.BindResponse(true, 345, "张红", Access, 7200)),
        ["GET /api/me"] = new(null, new MeApi.MeResponse(true,
            new MemberCardView(345, "张红", "第一党支部", "/1/12/", false, 21, new DateOnly(2027, 7, 1), 22, 135), null)),
        ["POST /api/me/official-account-link-code"] = new(null, new MeApi.LinkCodeResponse("382915", Now.AddMinutes(10), 600)),
        ["GET /api/contests"] = new(null, new[] { new ContestSummary(7, "党史知识竞答", "timed", Now.AddDays(-1), Now.AddDays(6), "open") }),
        ["GET /api/contests/{id}"] = new(null, new ContestDetail(7, "党史知识竞答", "每人每天 3 次机会，取最高分。", "timed", Now.AddDays(-1), Now.AddDays(6),
            "open", 10, 20, 3, 0, 10, 5, false, ContestDetail.Rule)),
        ["POST /api/contests/{id}/attempts"] = new(null, new AttemptPayload(88, 1, "in-progress", 10, 0, 0, 0, 0, Question with { Seq = 1 })),
        ["GET /api/contests/{id}/attempts/current"] = new(null, new AttemptPayload(88, 1, "in-progress", 10, 2, 23, 2, 9_800, Question)),
        ["POST /api/contests/{id}/attempts/{attemptId}/answers"] = new(new AnswerRequest(3, "3f2a9c1e-0b7d-4c55-9a61-5d2f0e8b1c47", "A", Ticket, Next: true),
            new AnswerResultPayload(3, true, false, 14, "A", "1921 年 7 月，中共一大在上海召开，后转移到浙江嘉兴南湖。", 37, 3, 12_300, false,
                Next: Question with { Seq = 4, SecondsLeft = 20 })),
        ["GET /api/contests/{id}/live/current"] = new(null, new LiveFlow.LiveState(91, 20, 2, Question, 2)),
        ["GET /api/contests/{id}/live/rounds/{seq}"] = new(null, new LiveApi.RoundKey(3, "A", "1921 年 7 月，中共一大在上海召开。", true)),
        ["GET /api/contests/{id}/board"] = new(null, new BoardApi.TopBoard(7, [Row, Row with { Rank = 2, MemberId = 346, Name = "李明", Score = 270 }])),
        ["GET /api/contests/{id}/board/me"] = new(null, new BoardApi.MyBoard(7, Row with { Rank = 5 }, [Row with { Rank = 4, MemberId = 350, Name = "王芳" }, Row with { Rank = 5 }])),
        ["GET /api/contests/{id}/board/orgs"] = new(null, new BoardApi.OrgBoard(7, new OrgBoardRow(1, "市直机关工委", 5_600, 40, 52, 107.69, 0.7692),
            [new OrgBoardRow(12, "第一党支部", 3_100, 22, 25, 124, 0.88), new OrgBoardRow(13, "第二党支部", 2_500, 18, 27, 92.59, 0.6667)])),
        ["GET /api/contests/{id}/results"] = new(null, new[] { new FinalResultsApi.FinalRow(1, 345, "张红", 12, 280, 28, 96_500) }),
        ["GET /api/contests/{id}/results/me"] = new(null, new FinalResultsApi.FinalRow(5, 345, "张红", 12, 250, 25, 101_000)),
        ["GET /api/study/today"] = new(null, new TodayResponse(new DateOnly(2026, 11, 22), Article, [Article with { Id = 102, Title = "廉洁自律准则学习" }], null)),
        ["GET /api/study/columns"] = new(null, new[] { new ColumnItem(1, "党史学习"), new ColumnItem(2, "党纪学习教育"), new ColumnItem(3, "理论武装"), new ColumnItem(4, "廉洁教育") }),
        ["GET /api/study/articles"] = new(null, new PageResponse<ArticleItem>([Article], 1, 20, 1)),
        ["GET /api/study/articles/{id}"] = new(null, new ArticleDetailResponse(Article, "<p>1921 年 7 月……</p>", 1200, new ReadingResponse(true, false, 0))),
        ["POST /api/study/articles/{id}/read/start"] = new(null, new ReadResponse(false, 90, 0, 90, 0, false, false, "开始阅读，至少阅读90秒可获得积分")),
        ["POST /api/study/articles/{id}/read/finish"] = new(null, new ReadResponse(true, 90, 95, 0, 1, true, false, "阅读完成，获得1积分")),
        ["GET /api/study/points"] = new(null, new PointsResponse(135, 3, 12, 30, true, [new PointsKindToday("reading", "阅读文章", 1, 6), new PointsKindToday("quiz", "答题", 2, 10)],
            new PageResponse<LedgerLine>([new LedgerLine(901, "reading", 1, 1, "阅读《中共一大的召开》", new DateOnly(2026, 11, 22), Now)], 1, 20, 1))),
        ["GET /api/study/boards/people"] = new(null, new PeopleBoardResponse("week", [new PersonPlaceItem(1, 345, "张红", "第一党支部", 21)],
            new PersonPlaceItem(1, 345, "张红", "第一党支部", 21), [new PersonPlaceItem(2, 346, "李明", "第二党支部", 18)])),
        ["GET /api/study/boards/branches"] = new(null, new BranchBoardResponse("week", "total", [new BranchPlaceItem(1, 12, "第一党支部", 310, 25, 12.4)],
            new BranchPlaceItem(1, 12, "第一党支部", 310, 25, 12.4))),
        ["GET /api/study/practice"] = new(null, new PracticeResponse(new DateOnly(2026, 11, 22),
            [Practiced, new PracticeQuestionItem(2, "true-false", "党的最高理想和最终目标是实现共产主义。", [], null)], 1, 1, 2, 2, 10, null)),
        ["POST /api/study/practice/questions/{seq}/answer"] = new(new PracticeAnswerRequest("A"),
            new PracticeAnswerResponse(Practiced, true, false, "回答正确，获得2积分")),
        ["POST /api/notifications/consents"] = new(new Dictionary<string, string>
        {
            ["errMsg"] = "requestSubscribeMessage:ok",
            ["Xk3Zq9mP0aTemplateIdOfTheDailyStudyReminder01"] = "accept",
            ["Bd7Yw2nR5sTemplateIdOfTheContestStartNotice002"] = "reject",
        }, new NotificationsApi.ConsentsRecorded(1, new Dictionary<string, int>
        {
            ["Xk3Zq9mP0aTemplateIdOfTheDailyStudyReminder01"] = 3,
            ["Bd7Yw2nR5sTemplateIdOfTheContestStartNotice002"] = 0,
        })),
        ["POST /api/question-reports"] = new(new QuestionReportsApi.ReportRequest(1024, 7, "选项 C 的表述有误"), new QuestionReportsApi.ReportCreated(15)),
    };

    public static Example? For(string operationKey) => ByOperation.GetValueOrDefault(operationKey);

    /// <summary>Operations that answer with a body worth an example (the drift test checks every one has it).</summary>
    public static IReadOnlyCollection<string> Keys => ByOperation.Keys;
}
