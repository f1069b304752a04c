using System.Diagnostics;
using Learn.Bench;

// Learn.Bench seed | verify | campaign — settings from the environment (scripts/bench.sh sets them).
var pg = Env("BENCH_PG");
var sw = Stopwatch.StartNew();
switch (args.FirstOrDefault())
{
    case "seed":
        var seeded = await Seeder.SeedAsync(pg, int.Parse(Env("BENCH_PARTICIPANTS")), int.Parse(Env("BENCH_ACTIVE")),
            Env("Auth__SigningKey"), Env("BENCH_OUT"));
        Console.WriteLine($"CONTEST={seeded}");
        Console.Error.WriteLine($"seeded in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    case "verify":
        Console.WriteLine(await Verifier.VerifyAsync(pg, Env("BENCH_REDIS"), Env("BENCH_PREFIX"), long.Parse(Env("BENCH_CONTEST")),
            long.Parse(Env("BENCH_ACKED"))));
        return 0;
    case "campaign":
        Console.WriteLine(await CampaignBench.RunAsync(pg, Env("BENCH_JOBS_DLL"), int.Parse(Env("BENCH_RECIPIENTS")), Env("BENCH_OUT")));
        return 0;
    default:
        Console.Error.WriteLine("usage: Learn.Bench seed|verify|campaign");
        return 2;
}

static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException(name + " is not set");
