#!/usr/bin/env bash
# ./learn.sh bench campaign: the notification campaign benchmark (docs/perf.md, issue 7). Throw-away
# PostgreSQL + redis-server (scripts/test-services.sh), BENCH_RECIPIENTS (default 100000) members following
# the Official Account and today's article; a real Learn.Jobs (Release) whose scheduler writes the daily-push
# campaign and whose dispatcher expands it and sends it to the fake WeChat server (rate limits set out of the
# way, so the figure is the dispatcher's own throughput), while a one-second trigger keeps firing.
# Prints a table, then one JSON line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$(date +%s)
recipients="${BENCH_RECIPIENTS:-100000}"
out="$root/artifacts/bench"; mkdir -p "$out"
log() { echo "▶ $*" >&2; }

"$root/scripts/test-services.sh" start >&2
trap '"$root/scripts/test-services.sh" stop' EXIT
# shellcheck disable=SC1091
source "$root/.test-run/env"

log "编译 Learn.Jobs 与 Learn.Bench（Release）"
dotnet build "$root/src/Learn.Jobs" -c Release -v q -nologo -clp:ErrorsOnly >&2
dotnet build "$root/bench/Learn.Bench" -c Release -v q -nologo -clp:ErrorsOnly >&2
jobs="$root/src/Learn.Jobs/bin/Release/net10.0/Learn.Jobs.dll"

pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$LEARN_TEST_POSTGRES")
psql -h 127.0.0.1 -p "$pg_port" -U learn -d postgres -qc "CREATE DATABASE learn_campaign" >&2
cs="${LEARN_TEST_POSTGRES/Database=postgres/Database=learn_campaign}"
export Management__Urls="" ASPNETCORE_ENVIRONMENT=Production Urls="http://127.0.0.1:$(( 20000 + RANDOM % 20000 ))"
export Database__Provider=Postgres ConnectionStrings__Learn="$cs" ConnectionStrings__Redis="$LEARN_TEST_REDIS" Redis__KeyPrefix="campaign:"
export Security__PersonalDataKey="$(head -c 32 /dev/urandom | base64 -w0)" Auth__SigningKey="$(head -c 32 /dev/urandom | base64 -w0)"
export Logging__LogLevel__Default=Warning # Learn.Bench turns the job-run lines back on
# The daily push fires within five seconds of the start (later firings find the day's campaign); contest
# lifecycle every second is the trigger whose lateness is reported.
export Jobs__DailyArticlePush__Cron="0/5 * * * * ?" Jobs__ContestLifecycle__Cron="0/1 * * * * ?"
export Notifications__Dispatcher__GlobalPerSecond=1000000 Notifications__Dispatcher__DefaultPerTemplatePerSecond=1000000
export Notifications__Dispatcher__Concurrency="${BENCH_CONCURRENCY:-32}" Notifications__Dispatcher__BatchSize="${BENCH_BATCH:-500}"
for t in PoliticalBirthday HolidayNotice DailyArticle; do
  export "Notifications__Templates__${t}__OfficialAccountTemplateId=oa-${t,,}-template-00000000000000000000"
done
for t in PoliticalBirthdayDigest TermReminder ContestResult ContestReminder QuestionReportReply Notice; do
  export "Notifications__Templates__${t}__MiniProgramTemplateId=mp-${t,,}-template-00000000000000000000"
done
# Placeholder WeChat apps for the migrate command's checks; Learn.Bench points Learn.Jobs at the fake server.
# shellcheck disable=SC1091
LEARN_REAL_WECHAT=1 source "$root/scripts/demo.env" # not the simulator: it is for the SQLite default only
# Run from its own folder: that is the content root, where appsettings.json (templates' field maps) lives.
(cd "$(dirname "$jobs")" && dotnet "$jobs" migrate) >"$out/campaign-migrate.log" 2>&1 || { cat "$out/campaign-migrate.log" >&2; exit 1; }

log "写入 $recipients 名关注公众号的党员，启动 Learn.Jobs，等待全部送达"
result=$(BENCH_PG="$cs" BENCH_RECIPIENTS="$recipients" BENCH_OUT="$out" BENCH_JOBS_DLL="$jobs" \
  dotnet "$root/bench/Learn.Bench/bin/Release/net10.0/Learn.Bench.dll" campaign)
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$result"; }
total_s=$(( $(date +%s) - started ))

printf '\n%-44s %12s\n' "指标" "值"
printf '%-40s %12s\n' "recipients" "$(field recipients)"
printf '%-40s %12s\n' "expansion (campaign → last row), s" "$(field expansionSeconds)"
printf '%-40s %12s\n' "sending (first → last send), s" "$(field sendSeconds)"
printf '%-40s %12s\n' "sends per second" "$(field sendsPerSecond)"
printf '%-40s %12s\n' "Learn.Jobs peak working set, MB" "$(field peakWorkingSetMb)"
printf '%-40s %12s\n' "1 s trigger: slots / median / max ms late" "$(field triggerSlots) / $(field triggerMedianLateMs) / $(field triggerMaxLateMs)"
printf '%-40s %12s\n' "outbox rows / delivered" "$(field outboxRows) / $(field delivered)"
printf '%-40s %12s\n' "duplicate rows / duplicate sends" "$(field duplicateRows) / $(field duplicateSends)"
echo "total=${total_s}s"
sed -E "s/\}$/,\"totalSeconds\":$total_s}/" <<<"$result"
