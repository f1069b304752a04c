using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Learn.Core.Study;

public static class StudyRegistration
{
    /// <summary>Articles, reading, study points and boards, with the validated <c>Study</c> options.</summary>
    public static IServiceCollection AddLearnStudy(this IServiceCollection services)
    {
        services.AddOptions<StudyOptions>().BindConfiguration(StudyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StudyOptions>, StudyOptionsValidator>());
        services.TryAddSingleton<StudyBoardRebuilder>();
        services.TryAddSingleton<StudyBoards>();
        services.TryAddSingleton<StudyPoints>();
        services.TryAddSingleton<ContestStudyPoints>();
        services.TryAddScoped<StudyPointsQuery>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Members.IStudyPointsSource, StudyPointsOnMemberCard>());
        services.TryAddScoped<StudyLeaderboards>();
        services.TryAddScoped<Reports.ParticipationReports>();
        services.TryAddScoped<TodayArticles>();
        services.TryAddScoped<MemberArticles>();
        services.TryAddScoped<ArticleReadings>();
        services.TryAddScoped<ArticleAuthoring>();
        services.TryAddScoped<Practice.DailyPractice>();
        return services;
    }
}
