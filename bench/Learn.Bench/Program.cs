using System.Diagnostics;
using System.Globalization;
using Learn.Bench;

// Learn.Bench seed | verify | board-final | stats | campaign — settings from the environment (scripts/bench.sh sets them).
var sw = Stopwatch.StartNew();
switch (args.FirstOrDefault())
{
    case "seed":
        var (timed, live) = await Seeder.SeedAsync(Env("BENCH_PG"), Int("BENCH_PARTICIPANTS"), Int("BENCH_ACTIVE"), Int("BENCH_LIVE"),
            Int("BENCH_HISTORY"), Env("Auth__SigningKey"), Env("BENCH_OUT"));
        Console.WriteLine($"CONTEST={timed}");
        Console.WriteLine($"LIVE_CONTEST={live}");
        Console.Error.WriteLine($"seeded in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    case "verify":
        Console.WriteLine(await Verifier.VerifyAsync(Env("BENCH_PG"), Env("BENCH_REDIS"), Env("BENCH_PREFIX"), Contests(), Env("BENCH_LOGS")));
        return 0;
    case "board-final":
        // Seconds from BENCH_SINCE_MS (epoch ms) until the board of BENCH_CONTEST equals the database (-1: not within BENCH_WAIT_SECONDS).
        var seconds = await BoardFinal.WaitAsync(Env("BENCH_PG"), Env("BENCH_REDIS"), Env("BENCH_PREFIX"), long.Parse(Env("BENCH_CONTEST"), CultureInfo.InvariantCulture),
            long.Parse(Env("BENCH_SINCE_MS"), CultureInfo.InvariantCulture), Int("BENCH_WAIT_SECONDS"), Environment.GetEnvironmentVariable("BENCH_READ_URL"),
            Environment.GetEnvironmentVariable("BENCH_READ_TOKEN"));
        Console.WriteLine(seconds.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    case "stats":
        Console.WriteLine(WrkLogs.Stats(args[1], Environment.GetEnvironmentVariable("BENCH_WINDOW")));
        return 0;
    case "campaign":
        Console.WriteLine(await CampaignBench.RunAsync(Env("BENCH_PG"), Env("BENCH_JOBS_DLL"), Int("BENCH_RECIPIENTS"), Env("BENCH_OUT")));
        return 0;
    default:
        Console.Error.WriteLine("usage: Learn.Bench seed|verify|board-final|stats PREFIX|campaign");
        return 2;
}

static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException(name + " is not set");
static int Int(string name) => int.Parse(Env(name), CultureInfo.InvariantCulture);
static long[] Contests() => Env("BENCH_CONTESTS").Split(',').Select(c => long.Parse(c, CultureInfo.InvariantCulture)).ToArray();
