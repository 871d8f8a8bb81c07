#!/bin/sh
# tests/cli/forms-as-data.sh - a field or a choice added to a form file is
# stored, exported, imported and shown with no change to C.
. "$(dirname "$0")/lib.sh"

FORMS="$TMP/forms"
mkdir "$FORMS"
cp "$DUO_FORMS"/*.yaml "$FORMS/"
# A new field "plaats" after "confidential" in the statements, and a new
# member role "grootouder".
cat >>"$FORMS/1-feiten.yaml" <<'YAML'
      - key: plaats
        label: Plaats van gebeuren
        type: text
        help: Waar het gebeurde, als dat ertoe doet.
      - key: getuigen
        label: Getuigen
        type: members
YAML
line=$(grep -n 'value: overig' "$FORMS/0-huishouden.yaml" | cut -d: -f1)
sed -i "$((line - 1))a\\
          - value: grootouder\\
            label: Grootouder" "$FORMS/0-huishouden.yaml"

sed -e 's/^      role: netwerk$/      role: grootouder/' \
    -e 's/^        verified: true$/        verified: true\n        plaats: Bij het huis in Ede\n        getuigen: [sem, oma]/' \
    "$EXAMPLES/gezin-visser.yaml" >"$TMP/visser.yaml"
export DUO_FORMS="$FORMS"

t "the changed forms load"
duo check
grep -q "forms: in orde" "$OUT" || fail "check: $(cat "$OUT" "$ERR")"
ok

t "the real forms refuse the new key and the new choice"
fresh_db strict
DUO_FORMS="$ROOT/forms" duo import "$TMP/visser.yaml"
expect_rc 1
expect_err "onbekende sleutel 'plaats'"
expect_err "grootouder"
ok

t "an added field and choice are imported and exported"
fresh_db added
duo import "$TMP/visser.yaml"
expect_rc 0
duo export "Gezin Visser"
expect_rc 0
save "$TMP/export1.yaml"
expect_out "plaats: Bij het huis in Ede"
expect_out "getuigen: [sem, oma]"
expect_out "role: grootouder"
ok

t "the export with added fields round-trips byte for byte"
fresh_db again
duo import "$TMP/export1.yaml"
expect_rc 0
duo export "Gezin Visser"
save "$TMP/export2.yaml"
expect_same "$TMP/export1.yaml" "$TMP/export2.yaml"
ok

t "the text export shows an added field by its label"
duo export --format text "Gezin Visser"
expect_rc 0
expect_out "Plaats van gebeuren: Bij het huis in Ede"
expect_out "Grootouder"
ok

t "a field added to a form stays out of the household's summary"
fresh_db summary
duo import "$TMP/visser.yaml"
expect_rc 0
DUO_DATA="$ROOT/data" duo export --audience huishouden "Gezin Visser"
expect_rc 0
expect_out "Samenvatting voor Gezin Visser"
expect_no_out "Bij het huis in Ede"
ok
