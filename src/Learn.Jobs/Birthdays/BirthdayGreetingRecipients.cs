using System.Globalization;
using System.Text.Json;
using Learn.Core.Data;
using Learn.Core.Members;
using Learn.Core.Notifications;
using Learn.Jobs.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learn.Jobs.Birthdays;

/// <summary>
/// Members whose political birthday is the campaign's day, each with their own years of standing. On 1 July —
/// the Party's birthday and a favourite joining day — this can be a large share of all members.
/// </summary>
public sealed class BirthdayGreetingRecipients : IRecipientSource
{
    public const string SourceName = "political-birthday";

    /// <summary>The day greeted (the campaign's <see cref="NotificationCampaign.SourceJson"/>).</summary>
    public sealed record Args(DateOnly Day);

    public string Name => SourceName;

    public async Task<IReadOnlyList<RecipientRow>> PageAsync(LearnDbContext db, NotificationCampaign campaign, long afterMemberId, int take, CancellationToken ct)
    {
        var day = JsonSerializer.Deserialize<Args>(campaign.SourceJson ?? "null")?.Day
            ?? throw new InvalidOperationException($"Campaign {campaign.Key} names no day.");
        var members = await BirthdaysOn(db, day).Where(m => m.Id > afterMemberId)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Name, m.JoinedPartyOn }).Take(take).ToListAsync(ct);
        return members.Select(m =>
        {
            var years = PoliticalBirthdays.YearsOfStanding(m.JoinedPartyOn, day);
            return new RecipientRow(m.Id, new Dictionary<string, string>
            {
                ["name"] = MessageText.Fit(m.Name),
                ["years"] = years.ToString(CultureInfo.InvariantCulture),
                ["note"] = MessageText.Fit(PoliticalBirthdays.Note(years)),
            });
        }).ToList();
    }

    /// <summary>Active members greeted on <paramref name="day"/> (29 February joins on 28 February in common years).</summary>
    public static IQueryable<Member> BirthdaysOn(LearnDbContext db, DateOnly day)
    {
        var leapJoinsToo = PoliticalBirthdays.GreetsLeapDayJoinsOn(day);
        return db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active && m.JoinedPartyOn.Year < day.Year
            && ((m.JoinedPartyOn.Month == day.Month && m.JoinedPartyOn.Day == day.Day)
                || (leapJoinsToo && m.JoinedPartyOn.Month == 2 && m.JoinedPartyOn.Day == 29)));
    }
}
