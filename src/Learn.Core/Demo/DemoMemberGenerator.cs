using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Security;

namespace Learn.Core.Demo;

/// <summary>Where demo members go: an organisation, the branch it belongs to, and whether it is a 离退休 branch.</summary>
internal sealed record DemoSlot(Organization Org, Organization Branch, bool Retired, int Count);

/// <summary>
/// Generates the demo roster from name lists with a fixed seed, so every run yields the same people;
/// only dates move with the seed day, so political birthdays always fall today and tomorrow.
/// </summary>
internal sealed class DemoMemberGenerator(DemoNamesFile names, DateOnly today, PersonalDataProtector protector, DateTime nowUtc)
{
    private sealed class Draft(DemoSlot slot)
    {
        public DemoSlot Slot { get; } = slot;
        public DateOnly Joined { get; set; }
        public bool Special { get; set; }
        public required Member Member { get; init; }
    }

    private readonly Random _rng = new(20261122);
    private readonly HashSet<string> _usedNames = [];
    private readonly HashSet<string> _usedMobiles = [];
    private readonly List<Draft> _drafts = [];

    public List<Member> Generate(IEnumerable<DemoSlot> slots)
    {
        foreach (var slot in slots)
            for (var i = 0; i < slot.Count; i++)
                _drafts.Add(new Draft(slot) { Joined = RandomJoinDate(slot.Retired), Member = new Member { Name = "" } });
        PlaceSpecialDates();
        foreach (var d in _drafts) Fill(d);
        new DemoPosts(_drafts.Select(d => (d.Member, d.Slot, d.Special)).ToList(), _rng, today).Assign();
        return [.. _drafts.Select(d => d.Member)];
    }

    private DateOnly RandomJoinDate(bool retired)
    {
        // Retired members joined 1972–1995, serving ones 1990–2025.
        var year = retired ? _rng.Next(1972, 1996) : _rng.Next(1990, 2026);
        var date = new DateOnly(year, _rng.Next(1, 13), _rng.Next(1, 29));
        // Probationary members are placed on purpose below; random dates stay clear of the last year.
        while (date > today.AddYears(-1).AddDays(-30)) date = date.AddYears(-2);
        return date;
    }

    /// <summary>Round anniversaries today (10–50 years), other political birthdays today and tomorrow, and recent joiners.</summary>
    private void PlaceSpecialDates()
    {
        var tomorrow = today.AddDays(1);
        (DateOnly Date, bool Retired)[] specials =
        [
            (today.AddYears(-50), true), (today.AddYears(-40), true), (today.AddYears(-30), false),
            (today.AddYears(-20), false), (today.AddYears(-10), false), (today.AddYears(-7), false), (today.AddYears(-16), false),
            (tomorrow.AddYears(-45), true), (tomorrow.AddYears(-27), false), (tomorrow.AddYears(-20), false),
            (tomorrow.AddYears(-12), false), (tomorrow.AddYears(-5), false),
            (today.AddDays(-45), false), (today.AddDays(-120), false), (today.AddDays(-200), false), (today.AddDays(-300), false),
        ];
        foreach (var (date, retired) in specials)
        {
            // Recent joiners sit in larger organisations so every branch keeps full members for its posts.
            var pool = _drafts.Where(d => !d.Special && d.Slot.Retired == retired && d.Slot.Count >= 8).ToList();
            var chosen = pool[_rng.Next(pool.Count)];
            chosen.Joined = date;
            chosen.Special = true;
        }
    }

    private void Fill(Draft d)
    {
        var m = d.Member;
        m.Gender = _rng.NextDouble() < (d.Slot.Retired ? 0.62 : 0.54) ? Gender.Male : Gender.Female;
        m.Name = UniqueName(m.Gender, d.Slot.Retired || d.Joined.Year < 1988 ? 0 : d.Joined.Year < 2010 ? 1 : 2);
        m.OrganizationId = d.Slot.Org.Id;
        m.JoinedPartyOn = d.Joined;
        // 预备期一年: full membership one year after joining, once that day has come.
        var full = d.Joined.AddYears(1);
        m.FullMemberOn = full <= today ? full : null;
        protector.StoreMobile(m, UniqueMobile());
        m.CreatedAt = m.UpdatedAt = nowUtc;
    }

    private string UniqueName(Gender gender, int generation)
    {
        var given = gender == Gender.Male ? names.Given.Male : names.Given.Female;
        var list = generation switch { 0 => given.Older, 1 => given.Middle, _ => given.Younger };
        while (true)
        {
            // Squaring the draw favours the front of the list, where the commonest surnames are.
            var surname = names.Surnames[(int)(Math.Pow(_rng.NextDouble(), 2) * names.Surnames.Count)];
            var name = surname + list[_rng.Next(list.Count)];
            if (_usedNames.Add(name)) return name;
        }
    }

    private string UniqueMobile()
    {
        while (true)
        {
            var mobile = names.MobilePrefixes[_rng.Next(names.MobilePrefixes.Count)] + _rng.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            if (_usedMobiles.Add(mobile)) return Mobile.Normalize(mobile)!;
        }
    }
}
