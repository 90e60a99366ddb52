#!/usr/bin/env bash
# Fetches the newer Django generations the test servers run on, as Debian's own pure-Python packages:
#
#   4.2  Django 4.2 LTS + DRF 3.16 + djoser 2.3.1   (Debian trixie)
#   5.2  Django 5.2 LTS + DRF 3.18 + djoser 2.3.3   (Debian sid)
#
# and django-allauth 65 (Debian sid), which the allauth test servers put on PYTHONPATH next to Django 5.2:
#
#   allauth  python3-django-allauth alone, in .cache/django-generations/allauth/. Its Debian dependencies for
#            social login, MFA, SAML and its identity provider (fido2, onelogin-saml2, openid, qrcode,
#            requests-oauthlib, django-ninja, jwt…) are not fetched: allauth.account and allauth.headless, the
#            only apps the test servers install, do not import them (allauth loads jwt and cryptography lazily).
#   allauth-0.51  bookworm's python3-django-allauth 0.51 alone, in .cache/django-generations/allauth-0.51/, next
#            to the system's Django 3.2 (bookworm's too): HTML views only (0.51 has no headless API). Its
#            allauth.account imports Django and allauth's own modules only; requests, oauthlib, openid and jwt
#            are socialaccount's, which the test servers do not install.
#
# (3.2 — Django 3.2 + DRF 3.14 + djoser 2.1 — is bookworm's, installed system-wide by .ci/run.)
#
# Each generation is unpacked into .cache/django-generations/<generation>/, which test/servers/django.ts puts
# on PYTHONPATH in front of /usr/bin/python3's own packages. The machine's apt configuration is never changed:
# apt-get runs with a private sources.list, lists and cache under .cache/django-generations/apt/. It names the
# same Debian archive host the machine's own apt sources name. Idempotent: a generation whose folder holds the
# complete set (a stamp file naming the packages) is left alone. Usage:
#
#   scripts/fetch-django-generations.sh            # both generations and both allauths
#   scripts/fetch-django-generations.sh 5.2        # one
set -euo pipefail
cd "$(dirname "$0")/.."

cache="$PWD/.cache/django-generations"

# Suite and packages per generation. Besides Django, DRF and djoser: what their Python code imports that
# bookworm's python3 lacks or has too old (Django 5.2 needs asgiref >= 3.8.1; djoser >= 2.3 imports
# django-templated-mail, which Debian packages since trixie; sqlparse for Django's SQL formatting).
suite_of() {
  case "$1" in
    4.2) echo trixie ;;
    5.2 | allauth) echo sid ;;
    allauth-0.51) echo bookworm ;;
    *) echo "Unknown Django generation: $1 (known: 4.2 5.2 allauth allauth-0.51)" >&2; return 1 ;;
  esac
}
label_of() {
  case "$1" in
    allauth) echo django-allauth ;;
    allauth-0.51) echo "django-allauth 0.51" ;;
    *) echo "Django $1" ;;
  esac
}
packages_of() {
  case "$1" in
    allauth | allauth-0.51) echo python3-django-allauth ;;
    *) echo python3-django python3-djangorestframework python3-djoser python3-asgiref python3-sqlparse ;;
  esac
}

# The archive host the machine's apt already uses (deb822 or one-line format); Debian's by default.
archive_host() {
  local uri
  uri=$(grep -hoE '(URIs:|^deb)[[:space:]]+https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
    /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list 2>/dev/null |
    grep -v -- '-security' | head -n 1 | awk '{print $2}') || true
  echo "${uri:-http://deb.debian.org/debian}" | sed 's:/*$::'
}

fetch_generation() {
  local gen="$1" suite dir stamp want packages
  suite=$(suite_of "$gen")
  read -r -a packages <<<"$(packages_of "$gen")"
  dir="$cache/$gen"
  stamp="$dir/.fetched"
  want="$suite ${packages[*]}"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "$(label_of "$gen"): already in $dir"
    return 0
  fi

  local apt="$cache/apt/$suite"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
    "$(archive_host)" "$suite" >"$apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=-"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Debug::NoLocking=1"
    -o "APT::Get::List-Cleanup=0" -o "APT::Sandbox::User=$(id -un)")

  echo "$(label_of "$gen"): reading Debian $suite's package lists"
  apt-get "${opts[@]}" -qq update
  rm -f "$apt/debs"/*.deb
  echo "$(label_of "$gen"): downloading ${packages[*]}"
  (cd "$apt/debs" && apt-get "${opts[@]}" -qq download "${packages[@]}")

  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  for deb in "$apt/debs"/*.deb; do
    dpkg -x "$deb" "$dir.tmp/root"
    dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb" >>"$dir.tmp/packages.txt"
  done
  # The Python modules only, flat, ready for PYTHONPATH.
  mv "$dir.tmp/root/usr/lib/python3/dist-packages" "$dir.tmp/python"
  # Links into other packages (Django admin's jQuery → libjs-jquery) that are not here: nothing the tests use.
  find "$dir.tmp/python" -xtype l -delete
  rm -rf "$dir.tmp/root"
  echo "$want" >"$dir.tmp/.fetched"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  echo "$(label_of "$gen"): ready in $dir"
  sed 's/^/  /' "$dir/packages.txt"
}

generations=("$@")
[ ${#generations[@]} -gt 0 ] || generations=(4.2 5.2 allauth allauth-0.51)
for gen in "${generations[@]}"; do fetch_generation "$gen"; done
