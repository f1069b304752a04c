using Microsoft.Extensions.Options;

namespace Learn.Api.Tests.Study;

/// <summary>Bad study rules stop the start, naming the setting.</summary>
public class StudyOptionsTests
{
    private sealed class MisconfiguredFactory(string key, string value) : ApiFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings[key] = value;
    }

    [Theory]
    [InlineData("Study:DailyCaps:Reading", "-1", "Study:DailyCaps:Reading")]
    [InlineData("Study:ReadingPoints", "0", "Study:ReadingPoints")]
    [InlineData("Study:StreakMinimumDailyPoints", "0", "Study:StreakMinimumDailyPoints")]
    [InlineData("Study:MinimumReadingSeconds", "900", "Study:MinimumReadingSeconds")]
    [InlineData("Study:ArticleLinkTemplate", "https://learn.example.cn/study", "Study:ArticleLinkTemplate")]
    [InlineData("Study:DefaultCoverUrl", "javascript:alert(1)", "Study:DefaultCoverUrl")]
    public async Task Start_fails_naming_the_bad_study_setting(string key, string value, string named)
    {
        await using var factory = new MisconfiguredFactory(key, value);
        await factory.InitializeAsync();
        try
        {
            Should.Throw<OptionsValidationException>(() => factory.CreateClient()).Message.ShouldContain(named);
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }
}
