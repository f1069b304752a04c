#!/usr/bin/env bash
# ./learn.sh publish [DIR]: what an operator copies to a server (README: 生产部署).
#   DIR/Learn.Api, DIR/Learn.Admin, DIR/Learn.Jobs   Release builds (framework-dependent, dotnet 10 runtime on the server)
#   DIR/systemd/learn-{api,admin,jobs}.service       one unit per host
#   DIR/nginx/learn.conf                             public (Learn.Api, TLS) and internal (Learn.Admin) server blocks
#   DIR/learn.env.template                           every setting the hosts need
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/artifacts/publish}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

for host in Learn.Api Learn.Admin Learn.Jobs; do
  echo "▶ 发布 $host"
  rm -rf "${out:?}/$host"
  # LEARN_PUBLISH_NO_BUILD=1: publish the Release build already made (./learn.sh test's publish check).
  dotnet publish "$root/src/$host" -c Release -o "$out/$host" -v q -nologo -clp:ErrorsOnly ${LEARN_PUBLISH_NO_BUILD:+--no-build}
done

mkdir -p "$out/systemd" "$out/nginx"
unit() { # host unit port management-port
  sed -e "s/@HOST@/$1/g" -e "s/@UNIT@/$2/g" -e "s/@PORT@/$3/g" -e "s/@MGMT@/$4/g" \
    "$root/deploy/systemd/learn-host.service.in" > "$out/systemd/$2.service"
}
unit Learn.Api learn-api 5080 5180
unit Learn.Admin learn-admin 5081 5181
unit Learn.Jobs learn-jobs 5082 5182
cp "$root/deploy/nginx/learn.conf" "$out/nginx/learn.conf"
cp "$root/deploy/learn.env.template" "$out/learn.env.template"
echo "已发布到 $out（部署步骤见 README「生产部署」）"
