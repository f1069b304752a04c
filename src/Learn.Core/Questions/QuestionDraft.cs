namespace Learn.Core.Questions;

/// <summary>A row-level error in Chinese: which row and column of the file, and what is wrong.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>A question's content as validated from a file row or an edit form.</summary>
public sealed record QuestionDraft(QuestionKind Kind, string Stem, IReadOnlyList<string> Options, string AnswerKey,
    IReadOnlyList<string> Tags, Difficulty Difficulty, string Explanation)
{
    private static readonly Dictionary<string, QuestionKind> Kinds = new()
    {
        ["单选"] = QuestionKind.Single, ["多选"] = QuestionKind.Multiple, ["判断"] = QuestionKind.TrueFalse, ["填空"] = QuestionKind.FillBlank,
    };
    private static readonly Dictionary<string, Difficulty> Levels = new()
    {
        ["易"] = Difficulty.Easy, ["中"] = Difficulty.Medium, ["难"] = Difficulty.Hard,
    };

    public static string KindName(QuestionKind kind) => Kinds.First(k => k.Value == kind).Key;
    public static string DifficultyName(Difficulty d) => Levels.First(k => k.Value == d).Key;

    /// <summary>Validates one row; returns the draft, or null and the row's errors.</summary>
    public static QuestionDraft? Parse(QuestionRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        string Cell(int i) => i < row.Cells.Count ? row.Cells[i].Trim() : "";
        void Error(int column, string message) => errors.Add(new ImportError(row.RowNumber, QuestionImportFormat.Header[column], message));

        var kindOk = Kinds.TryGetValue(Cell(QuestionImportFormat.Kind), out var kind);
        if (!kindOk) Error(QuestionImportFormat.Kind, "题型应为 单选、多选、判断 或 填空");

        var stem = Cell(QuestionImportFormat.Stem);
        if (stem.Length == 0) Error(QuestionImportFormat.Stem, "题干不能为空");
        else if (stem.Length > 1000) Error(QuestionImportFormat.Stem, "题干不能超过 1000 个字");

        var options = new List<string>();
        var gap = false;
        for (var i = 0; i < 6; i++)
        {
            var text = Cell(QuestionImportFormat.OptionA + i);
            if (text.Length == 0) { gap = true; continue; }
            if (gap) Error(QuestionImportFormat.OptionA + i, "选项须从 A 起连续填写，中间不能留空");
            if (text.Length > 200) Error(QuestionImportFormat.OptionA + i, "选项不能超过 200 个字");
            options.Add(text);
        }

        var answer = Cell(QuestionImportFormat.Answer);
        var key = "";
        if (kindOk)
        {
            switch (kind)
            {
                case QuestionKind.Single or QuestionKind.Multiple:
                    var min = 2;
                    if (options.Count < min) Error(QuestionImportFormat.OptionA, $"{KindName(kind)}题至少需要 {min} 个选项");
                    key = AnswerKeys.NormaliseLetters(answer) ?? "";
                    if (key.Length == 0) Error(QuestionImportFormat.Answer, "答案应为选项字母，如 B 或 ACD");
                    else if (key.Any(c => c - 'A' >= options.Count)) Error(QuestionImportFormat.Answer, $"答案 {answer} 超出了已填写的选项");
                    else if (kind == QuestionKind.Single && key.Length != 1) Error(QuestionImportFormat.Answer, "单选题的答案只能是一个字母");
                    else if (kind == QuestionKind.Multiple && key.Length < 2) Error(QuestionImportFormat.Answer, "多选题的答案至少两个字母");
                    break;
                case QuestionKind.TrueFalse:
                    if (options.Count > 0) Error(QuestionImportFormat.OptionA, "判断题不填选项");
                    key = answer is AnswerKeys.True or AnswerKeys.False ? answer : "";
                    if (key.Length == 0) Error(QuestionImportFormat.Answer, "判断题答案应为 正确 或 错误");
                    break;
                case QuestionKind.FillBlank:
                    if (options.Count > 0) Error(QuestionImportFormat.OptionA, "填空题不填选项");
                    var accepted = answer.Split('|').Select(a => a.Trim()).ToList();
                    if (answer.Length == 0 || accepted.Any(a => a.Length == 0)) Error(QuestionImportFormat.Answer, "填空题答案不能为空，多个可接受答案用 | 分隔");
                    else if (answer.Length > 500) Error(QuestionImportFormat.Answer, "答案不能超过 500 个字");
                    key = string.Join('|', accepted);
                    break;
            }
        }

        var tags = Cell(QuestionImportFormat.Tags).Split('|').Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (tags.Count == 0) Error(QuestionImportFormat.Tags, "至少填写一个分类，多个分类用 | 分隔");
        else if (tags.Any(t => t.Length > 20) || QuestionTags.Join(tags).Length > 200) Error(QuestionImportFormat.Tags, "分类过长（每个不超过 20 个字）");

        var levelOk = Levels.TryGetValue(Cell(QuestionImportFormat.DifficultyColumn), out var level);
        if (!levelOk) Error(QuestionImportFormat.DifficultyColumn, "难度应为 易、中 或 难");

        var explanation = Cell(QuestionImportFormat.Explanation);
        if (explanation.Length > 2000) Error(QuestionImportFormat.Explanation, "解析不能超过 2000 个字");

        return errors.Count > before ? null : new QuestionDraft(kind, stem, options, key, tags, level, explanation);
    }

    /// <summary>The draft as a file row, in the import format (export = import).</summary>
    public IReadOnlyList<string> ToRow()
    {
        var cells = new string[QuestionImportFormat.Header.Length];
        cells[QuestionImportFormat.Kind] = KindName(Kind);
        cells[QuestionImportFormat.Stem] = Stem;
        for (var i = 0; i < 6; i++) cells[QuestionImportFormat.OptionA + i] = i < Options.Count ? Options[i] : "";
        cells[QuestionImportFormat.Answer] = AnswerKey;
        cells[QuestionImportFormat.Tags] = string.Join('|', Tags);
        cells[QuestionImportFormat.DifficultyColumn] = DifficultyName(Difficulty);
        cells[QuestionImportFormat.Explanation] = Explanation;
        return cells;
    }

    public static QuestionDraft Of(QuestionVersion v) =>
        new(v.Kind, v.Stem, v.Options, v.AnswerKey, QuestionTags.Split(v.Tags), v.Difficulty, v.Explanation);
}
