#!/bin/sh
# Sets up the HPC-in-Rust workbook on this machine, in one command:
#   1. installs MPI (Open MPI), libclang and make if they are missing: apt-get on Debian and
#      Ubuntu (as root, or with sudo), Homebrew on macOS; on a cluster it installs
#      nothing and says which module to load;
#   2. builds the runner and asks it what the machine has (`runner doctor`);
#   3. runs the first exercise's check, which fails until you solve it.
set -eu
cd "$(dirname "$0")"

say() { printf '\n==> %s\n' "$*"; }

doctor() { cargo run --quiet -p runner -- doctor; }

install_missing() {
    if [ -n "${SLURM_JOB_ID:-}" ] || [ -n "${MODULESHOME:-}" ] || [ -n "${LMOD_CMD:-}" ]; then
        say "This looks like a cluster: load your site's MPI and LLVM/clang modules"
        echo "    e.g.  module load openmpi llvm    (\`module avail\` lists them), then run ./setup.sh again."
        exit 2
    fi
    case "$(uname -s)" in
    Darwin)
        if ! command -v brew >/dev/null 2>&1; then
            echo "Homebrew is needed to install MPI on macOS: see https://brew.sh, then run ./setup.sh again."
            exit 2
        fi
        say "Installing Open MPI and pkg-config with Homebrew"
        brew install open-mpi pkg-config
        xcode-select -p >/dev/null 2>&1 || {
            echo "libclang comes with Xcode's command-line tools: run \`xcode-select --install\`, then ./setup.sh again."
            exit 2
        }
        ;;
    Linux)
        if ! command -v apt-get >/dev/null 2>&1; then
            echo "This script installs packages with apt-get (Debian, Ubuntu)."
            echo "Install Open MPI (with its development files), libclang and pkg-config with your package manager,"
            echo "then run ./setup.sh again. \`cargo run -p runner -- doctor\` names the packages."
            exit 2
        fi
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
        say "Installing Open MPI, libclang, pkg-config and make with apt-get${sudo:+ (through sudo)}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            openmpi-bin libopenmpi-dev libclang-dev pkg-config make >/dev/null
        ;;
    *)
        echo "Unsupported system $(uname -s): install MPI and libclang by hand (see the book's Setup page)."
        exit 2
        ;;
    esac
}

say "Building the runner and checking this machine"
if ! doctor; then
    install_missing
    say "Checking again"
    doctor
fi

say "Running the first exercise's check: cargo run -p runner -- check ex01"
status=0
cargo run --quiet -p runner -- check ex01 || status=$?
case $status in
0) say "Set-up done. ex01 already passes: \`cargo run -p runner -- list\` shows what comes next." ;;
1)
    say "Set-up done. ex01 fails because you have not solved it yet: that is expected."
    echo "    Read book/src/mpi-intro/hello.md (or \`cargo run -p runner -- book serve\`),"
    echo "    edit exercises/ex01-hello/src/main.rs, and run \`cargo run -p runner -- check ex01\` again."
    ;;
*) exit "$status" ;;
esac
