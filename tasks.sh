#!/usr/bin/env bash
# The suite's only entry point for people: set-up, demo and tests.
#   bash tasks.sh demo    set up everything, then run the main job on the bundled samples
#   bash tasks.sh test    set up everything, then run the whole test suite
#   bash tasks.sh setup   only set up (system packages + .venv); safe to re-run
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie poppler-utils qpdf fonts-dejavu-core fonts-liberation2 fonts-noto-core python3-venv)
# Only the test suite needs a real browser for the notebook smoke test (driven by Playwright,
# never downloaded by it); node and npm come from apt only when the machine has no npm.
APT_TEST_PACKAGES=(chromium)
PIP_EXTRAS=dev,dask,hub
VENV=.venv

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'LỖI: %s\n' "$*" >&2; exit 1; }

missing_system_packages() {
  command -v dpkg-query >/dev/null || return 0
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_system_packages() {
  if ! command -v apt-get >/dev/null; then
    command -v tesseract >/dev/null && command -v pdftoppm >/dev/null && return 0
    die "Không có apt-get. Hãy cài Tesseract (kèm ngôn ngữ vie), poppler và qpdf bằng trình quản lý gói của máy, hoặc dùng conda: conda env create -f environment.yml"
  fi
  local missing
  missing=$(missing_system_packages "$@" | tr '\n' ' ')
  [ -z "${missing// }" ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    elif command -v sudo >/dev/null && [ -t 0 ]; then
      sudo=(sudo)
    else
      die "Cần cài các gói hệ thống: $missing
Hãy nhờ quản trị viên chạy: sudo apt-get install -y $missing
rồi chạy lại lệnh này."
    fi
  fi
  say "Cài gói hệ thống: $missing"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  die "Cần Python 3.11 trở lên (Debian 12, Ubuntu 24.04 đã có sẵn). Trên máy cũ hơn, dùng conda: conda env create -f environment.yml"
}

setup_venv() {
  local python stamp=$VENV/.installed
  python=$(find_python)
  if [ ! -x "$VENV/bin/python" ]; then
    say "Tạo môi trường Python $VENV bằng $python"
    "$python" -m venv "$VENV"
  fi
  # Re-install only when the dependency list changed since the last successful install.
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Cài các gói Python vào $VENV (pip install -e .[$PIP_EXTRAS])"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[$PIP_EXTRAS]"
    touch "$stamp"
  fi
}

install_http_proxy() {
  command -v configurable-http-proxy >/dev/null && return 0
  command -v npm >/dev/null || install_system_packages nodejs npm
  say "Cài configurable-http-proxy (npm) cho JupyterHub"
  if [ "$(id -u)" -eq 0 ]; then
    npm install -g --silent configurable-http-proxy >/dev/null
  else
    npm install -g --silent --prefix "$HOME/.local" configurable-http-proxy >/dev/null
  fi
}

setup() {
  install_system_packages "${APT_PACKAGES[@]}"
  setup_venv
  # One Tesseract per core: its OpenMP threading is slower and burns CPU (issue 3 measurements).
  export OMP_THREAD_LIMIT=1
}

demo() {
  setup
  local out=${DEMO_OUT:-build/demo} bin=$VENV/bin
  "$bin/digitize" doctor
  say "Số hóa các bản quét mẫu (data/samples) vào $out/kho"
  # Exit code 5 means some pages failed: the demo reports it and goes on to show the rest.
  "$bin/digitize" run data/samples --out "$out/kho" || [ $? -eq 5 ]
  "$bin/digitize" status "$out/kho"
  "$bin/digitize" verify "$out/kho"
  say "Đọc siêu dữ liệu văn bản (số/ký hiệu, ngày, cơ quan, trích yếu)"
  "$bin/digitize" records "$out/kho" --list
  say "Tìm kiếm không dấu: \"quyet dinh\""
  "$bin/digitize" search "$out/kho" "quyet dinh" --limit 5
  say "Xuất gói BagIt và bảng Excel để nhập vào hệ thống quản lý văn bản"
  "$bin/digitize" export "$out/kho" --format bagit --out "$out/xuat-bagit"
  "$bin/digitize" export "$out/kho" --format xlsx --out "$out/xuat-xlsx"
  local course
  for course in courses/*/nbgrader_config.py; do
    course=$(basename "$(dirname "$course")")
    say "Tạo bản phát hành cho học viên: khóa $course"
    "$bin/graders" build "$course"
  done
  say "Xong. Kết quả số hóa: $out/kho; bản phát hành khóa học: courses/*/release/"
}

run_tests() {
  setup
  install_system_packages "${APT_TEST_PACKAGES[@]}"
  install_http_proxy
  PATH="$HOME/.local/bin:$PATH" "$VENV/bin/python" -m pytest "$@"
}

case "${1:-}" in
  setup) setup ;;
  demo) demo ;;
  test) shift; run_tests "$@" ;;
  *) echo "Cách dùng: bash tasks.sh {demo|test|setup}" >&2; exit 2 ;;
esac
