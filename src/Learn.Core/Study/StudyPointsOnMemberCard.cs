using Learn.Core.Members;

namespace Learn.Core.Study;

/// <summary>Puts the member's study points total on the member card (<c>/api/me</c>).</summary>
internal sealed class StudyPointsOnMemberCard(StudyPointsQuery points) : IStudyPointsSource
{
    public Task<int> PointsAsync(long memberId, CancellationToken ct) => points.TotalOfAsync(memberId, ct);
}
