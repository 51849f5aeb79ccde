#!/usr/bin/env bash
# The benchmark in one command: bench/run.sh [--seconds 10 --platforms 10000 ...]
# Installs wrk (Debian) if missing, starts the local PostgreSQL if needed, makes .venv if
# missing, then runs bench/run.py: a fresh database `inclusief_bench`, 10,000 platforms and
# 50,000 assessments, gunicorn with production settings, wrk on each page, public pages while
# signed-in analysts save (the mixed scenario), PDF timings, the full export's memory.
# Everything listens on and connects to 127.0.0.1 only. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
  echo "[bench] installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "[bench] starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

PYTHON="${PYTHON:-.venv/bin/python}"
if [ ! -x "$PYTHON" ]; then
  echo "[bench] creating .venv"
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[postgres]"
  PYTHON=.venv/bin/python
fi

export PYTHONPATH="$PWD"
exec "$PYTHON" bench/run.py "$@"
