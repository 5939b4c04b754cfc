#!/usr/bin/env bash
# Print the path of the server configuration `make run` uses, writing it on
# first use: DIR/odoo.conf (DIR defaults to the data dir .data/, kept out of
# git), readable by its owner only, with a random master password and the
# database manager off (no listing, no backup, restore, drop or duplicate over
# HTTP: the dump of a whole database is not a web page's business). An
# existing file is kept as it is: the administrator may have edited it.
set -euo pipefail
dir=${1:-$(cd "$(dirname "$0")/.." && pwd)/.data}
conf="$dir/odoo.conf"
if [ ! -f "$conf" ]; then
    mkdir -p "$dir"
    password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
    (
        umask 077
        cat >"$conf" <<EOT
[options]
; Written by scripts/server_conf.sh on first start. Never commit it.
; The master password guards the database manager; list_db = False turns the
; manager off altogether (see README, "The database manager").
admin_passwd = $password
list_db = False
; Behind the documented reverse proxy (X-Forwarded-For/-Host), set True so that
; Odoo sees each visitor's address (login throttling is per address).
proxy_mode = False
EOT
    )
fi
echo "$conf"
