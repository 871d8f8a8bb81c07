/*
 * test_doc.c - unit tests of doc.c: positions and styles of loaded nodes,
 * every refusal of the safe loader (with its position), the bounds, and
 * the emitter's round trip emit -> load -> emit giving the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc.h"
#include "unit.h"

/* ---- helpers ---------------------------------------------------------- */

/* Load s; on failure return NULL and leave the one diagnostic in *d. */
static struct doc_node *load(const char *s, struct diags *d)
{
	return doc_load_buffer("t.yaml", s, strlen(s), NULL, d);
}

/* The formatted diagnostic after a load of s that must fail; caller frees. */
static char *load_error(const char *s, size_t len, const struct doc_limits *lim)
{
	struct diags d = {0};
	struct doc_node *n = doc_load_buffer("t.yaml", s, len, lim, &d);
	char *msg = NULL;

	if (n == NULL && d.n == 1)
		msg = diag_format(&d.v[0]);
	doc_free(n);
	diags_free(&d);
	return msg;
}

/* Check a failing load gives exactly want; frees what it made. */
#define CHECK_REFUSED(src, want) do { \
	char *msg_ = load_error((src), strlen(src), NULL); \
	int same_ = msg_ && strcmp(msg_, (want)) == 0; \
	if (!same_) \
		fprintf(stderr, "    got: %s\n", msg_ ? msg_ : "(loaded)"); \
	free(msg_); \
	CHECK(same_); \
} while (0)

/* A temporary file holding buf[0..len); returns its path (static). */
static const char *tmp_file(const char *buf, size_t len)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof path, "/tmp/test_doc.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	if (len && write(fd, buf, len) != (ssize_t)len) {
		close(fd);
		return NULL;
	}
	close(fd);
	return path;
}

/* 1 if a and b hold the same data: types, texts, keys, order. */
static int same_data(const struct doc_node *a, const struct doc_node *b)
{
	size_t i;

	if (a->type != b->type)
		return 0;
	if (a->type == DOC_SCALAR)
		return strcmp(a->text, b->text) == 0;
	if (a->len != b->len)
		return 0;
	for (i = 0; i < a->len; i++) {
		if (a->type == DOC_SEQ && !same_data(a->item[i], b->item[i]))
			return 0;
		if (a->type == DOC_MAP &&
		    (strcmp(a->pair[i].key, b->pair[i].key) != 0 ||
		     !same_data(a->pair[i].value, b->pair[i].value)))
			return 0;
	}
	return 1;
}

/* 1 if a and b are equal in every field, styles and positions too. */
static int same_all(const struct doc_node *a, const struct doc_node *b)
{
	size_t i;

	if (a->type != b->type || a->style != b->style || a->line != b->line ||
	    a->col != b->col || a->len != b->len)
		return 0;
	if (a->type == DOC_SCALAR)
		return strcmp(a->text, b->text) == 0;
	for (i = 0; i < a->len; i++) {
		if (a->type == DOC_SEQ && !same_all(a->item[i], b->item[i]))
			return 0;
		if (a->type == DOC_MAP &&
		    (strcmp(a->pair[i].key, b->pair[i].key) != 0 ||
		     a->pair[i].line != b->pair[i].line ||
		     a->pair[i].col != b->pair[i].col ||
		     !same_all(a->pair[i].value, b->pair[i].value)))
			return 0;
	}
	return 1;
}

/*
 * Emit t, load the text, check the data survived, emit again and check the
 * bytes are the same. Returns the first text (caller frees) or NULL.
 */
static char *round_trip(const struct doc_node *t)
{
	struct diags d = {0};
	char *s1 = doc_emit_string(t, &d), *s2 = NULL;
	struct doc_node *back = NULL;
	int ok = 0;

	if (s1)
		back = doc_load_buffer("rt.yaml", s1, strlen(s1), NULL, &d);
	if (back && same_data(t, back))
		s2 = doc_emit_string(back, &d);
	if (s2 && strcmp(s1, s2) == 0)
		ok = 1;
	if (!ok) {
		fprintf(stderr, "    first:\n%s\n    second:\n%s\n", s1 ? s1 : "-",
		        s2 ? s2 : "-");
		diags_print(stderr, &d);
	}
	doc_free(back);
	free(s2);
	diags_free(&d);
	if (!ok) {
		free(s1);
		return NULL;
	}
	return s1;
}

/* ---- loading: shape, positions, styles --------------------------------- */

TEST(load_mapping_with_positions)
{
	struct diags d = {0};
	struct doc_node *n = load("# kop\nname: Zoë\nlist:\n  - a\n  - 'b'\n"
	                          "sub: {x: 1, y: [2, 3]}\n", &d);
	struct doc_node *list, *sub;

	CHECK(n != NULL);
	CHECK_INT(d.n, 0);
	CHECK_INT(n->type, DOC_MAP);
	CHECK_INT(n->style, DOC_AUTO);
	CHECK_INT(n->line, 2);
	CHECK_INT(n->col, 1);
	CHECK_INT(n->len, 3);
	CHECK_STR(n->pair[0].key, "name");
	CHECK_INT(n->pair[0].line, 2);
	CHECK_INT(n->pair[0].col, 1);
	CHECK_STR(doc_map_str(n, "name"), "Zoë");
	CHECK_INT(n->pair[0].value->line, 2);
	CHECK_INT(n->pair[0].value->col, 7);
	list = doc_map_get(n, "list");
	CHECK(list && list->type == DOC_SEQ);
	CHECK_INT(list->style, DOC_AUTO);
	CHECK_INT(list->line, 4);
	CHECK_INT(list->col, 3);
	CHECK_INT(list->len, 2);
	CHECK_STR(list->item[1]->text, "b");
	CHECK_INT(list->item[1]->line, 5);
	CHECK_INT(list->item[1]->col, 5);
	CHECK_INT(list->item[1]->style, DOC_QUOTED);
	sub = doc_map_get(n, "sub");
	CHECK(sub && sub->type == DOC_MAP);
	CHECK_INT(sub->style, DOC_FLOW);
	CHECK_INT(sub->line, 6);
	CHECK_INT(sub->col, 6);
	CHECK_INT(doc_map_pair(sub, "y")->col, 13);
	CHECK_INT(doc_map_get(sub, "y")->style, DOC_FLOW);
	CHECK_INT(doc_map_get(sub, "y")->item[1]->col, 20);
	CHECK_INT(doc_map_pair(n, "sub")->line, 6);
	doc_free(n);
	diags_free(&d);
}

TEST(load_scalar_styles_and_roots)
{
	struct diags d = {0};
	struct doc_node *n = load("- plain\n- 'single'\n- \"double\"\n"
	                          "- |\n  lit\n- >\n  folded\n  text\n- \n"
	                          "- !!str 12\n", &d);

	CHECK(n && n->type == DOC_SEQ && n->len == 7);
	CHECK_INT(n->item[0]->style, DOC_PLAIN);
	CHECK_INT(n->item[1]->style, DOC_QUOTED);
	CHECK_INT(n->item[2]->style, DOC_QUOTED);
	CHECK_INT(n->item[3]->style, DOC_LITERAL);
	CHECK_STR(n->item[3]->text, "lit\n");
	CHECK_INT(n->item[4]->style, DOC_LITERAL);
	CHECK_STR(n->item[4]->text, "folded text\n");
	CHECK_STR(n->item[5]->text, "");
	CHECK(doc_is_null(n->item[5]));
	CHECK_STR(n->item[6]->text, "12");
	CHECK_INT(n->item[6]->style, DOC_QUOTED); /* !!str: text, not a number */
	doc_free(n);

	n = load("just text\n", &d);
	CHECK(n && n->type == DOC_SCALAR);
	CHECK_STR(n->text, "just text");
	CHECK_INT(n->line, 1);
	doc_free(n);
	CHECK_INT(d.n, 0);
	diags_free(&d);
}

TEST(load_example_household)
{
	const char *dir = getenv("EXAMPLES");
	char *path = xasprintf("%s/gezin-visser.yaml",
	                       dir ? dir : "../shared/examples");
	struct diags d = {0};
	struct doc_node *n = doc_load_file(path, NULL, &d), *hh, *members;
	char *text;

	free(path);
	if (!n)
		diags_print(stderr, &d);
	CHECK(n != NULL);
	CHECK_STR(doc_map_str(n, "format"), "duo-case/1");
	hh = doc_map_get(n, "household");
	CHECK_STR(doc_map_str(hh, "name"), "Gezin Visser");
	members = doc_map_get(hh, "members");
	CHECK(members && members->type == DOC_SEQ);
	CHECK_INT(members->len, 5);
	CHECK_INT(members->item[0]->line, 8);
	CHECK_INT(members->item[0]->col, 7);
	CHECK_STR(doc_map_str(members->item[4], "name"), "Ria de Groot");
	CHECK_INT(doc_map_get(members->item[0], "born")->style, DOC_PLAIN);
	/* Our own writing of it reads back the same and is stable. */
	text = round_trip(n);
	CHECK(text != NULL);
	CHECK_CONTAINS(text, "\nhousehold:\n  name: Gezin Visser\n");
	free(text);
	doc_free(n);
	diags_free(&d);
}

TEST(load_bom_and_crlf)
{
	const char *src = "\xef\xbb\xbf" "a: 1\r\nb: [x, y]\r\nc: |\r\n  r1\r\n  r2\r\n";
	struct diags d = {0};
	struct doc_node *n = load(src, &d);

	CHECK(n != NULL);
	CHECK_STR(n->pair[0].key, "a");
	CHECK_INT(doc_map_pair(n, "b")->line, 2);
	CHECK_INT(doc_map_pair(n, "b")->col, 1);
	CHECK_INT(doc_map_get(n, "b")->item[1]->col, 8);
	CHECK_STR(doc_map_str(n, "c"), "r1\nr2\n");
	doc_free(n);
	diags_free(&d);
}

/* ---- loading: refusals -------------------------------------------------- */

TEST(duplicate_key_refused_with_both_lines)
{
	CHECK_REFUSED("a: 1\nb: 2\na: 3\n",
	              "t.yaml:3:1: dubbele sleutel 'a' (eerder op regel 1)");
	CHECK_REFUSED("x:\n  k: 1\n  j: 2\n  k: 3\n",
	              "t.yaml:4:3: dubbele sleutel 'k' (eerder op regel 2)");
	CHECK_REFUSED("{a: 1, 'a': 2}",
	              "t.yaml:1:8: dubbele sleutel 'a' (eerder op regel 1)");
	/* The same key in different mappings is fine. */
	{
		struct diags d = {0};
		struct doc_node *n = load("- a: 1\n- a: 2\n", &d);

		CHECK(n != NULL);
		doc_free(n);
		diags_free(&d);
	}
}

TEST(duplicate_key_found_in_large_mapping)
{
	struct strbuf sb = {0};
	struct diags d = {0};
	struct doc_node *n;
	char *msg;
	int i;

	for (i = 0; i < 20000; i++)
		sb_addf(&sb, "k%d: %d\n", i, i);
	n = doc_load_buffer("big", sb.s, sb.len, NULL, &d);
	CHECK(n != NULL);
	CHECK_INT(n->len, 20000);
	CHECK_STR(doc_map_str(n, "k19999"), "19999");
	doc_free(n);
	sb_add(&sb, "k777: again\n");
	msg = load_error(sb.s, sb.len, NULL);
	CHECK_STR(msg, "t.yaml:20001:1: dubbele sleutel 'k777' "
	               "(eerder op regel 778)");
	free(msg);
	sb_free(&sb);
	diags_free(&d);
}

TEST(aliases_and_anchors_refused)
{
	CHECK_REFUSED("a: &x 1\n",
	              "t.yaml:1:4: anker &x: aliassen (*x) en ankers (&x) zijn "
	              "niet toegestaan");
	CHECK_REFUSED("- 1\n- *y\n",
	              "t.yaml:2:3: alias *y: aliassen (*x) en ankers (&x) zijn "
	              "niet toegestaan");
	/* The cycle libyaml would build stops at the anchor. */
	CHECK_REFUSED("&x [1, *x]",
	              "t.yaml:1:1: anker &x: aliassen (*x) en ankers (&x) zijn "
	              "niet toegestaan");
}

TEST(tags_keys_and_documents_refused)
{
	CHECK_REFUSED("a: !!binary aGk=\n",
	              "t.yaml:1:4: tag '!!binary' is niet toegestaan");
	CHECK_REFUSED("a: !eigen x\n", "t.yaml:1:4: tag '!eigen' is niet toegestaan");
	CHECK_REFUSED("a: !!map [1]\n", "t.yaml:1:4: tag '!!map' is niet toegestaan");
	CHECK_REFUSED("? [a, b]\n: c\n",
	              "t.yaml:1:3: een sleutel moet een enkele waarde zijn, "
	              "geen lijst");
	CHECK_REFUSED("{{a: 1}: 2}",
	              "t.yaml:1:2: een sleutel moet een enkele waarde zijn, "
	              "geen mapping");
	CHECK_REFUSED("a: 1\n---\nb: 2\n", "t.yaml:2:1: meer dan één document");
	CHECK_REFUSED("a: 1\n...\n---\nb: 2\n", "t.yaml:3:1: meer dan één document");
	CHECK_REFUSED("a: \"x\\0y\"\n",
	              "t.yaml:1:4: een NUL-teken (\\0) is niet toegestaan");
}

TEST(empty_inputs_refused)
{
	const char *path;
	struct diags d = {0};

	CHECK_REFUSED("", "t.yaml:1:1: leeg bestand");
	CHECK_REFUSED("   \n\n  \n", "t.yaml:1:1: leeg bestand");
	CHECK_REFUSED("# alleen commentaar\n  # nog meer\n", "t.yaml:1:1: leeg bestand");
	CHECK_REFUSED("---\n# niets\n", "t.yaml:1:1: leeg bestand");
	path = tmp_file("", 0);
	CHECK(path != NULL);
	CHECK(doc_load_file(path, NULL, &d) == NULL);
	unlink(path);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.v[0].msg, "leeg bestand");
	diags_free(&d);
}

TEST(invalid_utf8_and_nul_refused_with_position)
{
	CHECK_REFUSED("a: b\nnaam: Zo\xeb\n",
	              "t.yaml:2:9: ongeldige UTF-8 (byte 13)");
	CHECK_REFUSED("a: \xc3\xa9\xc3\n", "t.yaml:1:5: ongeldige UTF-8 (byte 5)");
	/* A NUL byte: strlen would stop early, so pass the length. */
	{
		char *msg = load_error("a: 1\nb: x\0y\n", 11, NULL);

		CHECK_STR(msg, "t.yaml:2:5: een NUL-byte is niet toegestaan (byte 9)");
		free(msg);
	}
	/* Control characters come back from libyaml's reader. */
	CHECK_REFUSED("a: 1\nb: x\001\n",
	              "t.yaml:2:5: ongeldige tekens: control characters are not "
	              "allowed (byte 9)");
}

TEST(syntax_error_has_position_and_context)
{
	CHECK_REFUSED("a: b: c\n",
	              "t.yaml:1:5: YAML-fout: mapping values are not allowed "
	              "in this context");
	CHECK_REFUSED("a:\n  - b\n c: d\n",
	              "t.yaml:3:2: YAML-fout: did not find expected key (while "
	              "parsing a block mapping, begonnen op regel 1)");
	CHECK_REFUSED("x: [1, 2\n",
	              "t.yaml:2:1: YAML-fout: did not find expected ',' or ']' "
	              "(while parsing a flow sequence, begonnen op regel 1)");
}

/* ---- loading: bounds ---------------------------------------------------- */

TEST(deep_nesting_refused_fast)
{
	size_t n = 200000, i;
	char *buf = xmalloc(n);
	clock_t t0;
	double secs;
	char *msg;

	memset(buf, '[', n);
	t0 = clock();
	msg = load_error(buf, n, NULL);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_STR(msg, "t.yaml:1:33: te diep genest (meer dan 32 niveaus)");
	free(msg);
	CHECK(secs < 0.5);
	for (i = 0; i + 4 <= n; i += 4)  /* {a: {a: {a: ... */
		memcpy(buf + i, "{a: ", 4);
	t0 = clock();
	msg = load_error(buf, n, NULL);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_STR(msg, "t.yaml:1:129: te diep genest (meer dan 32 niveaus)");
	CHECK(secs < 0.5);
	free(msg);
	free(buf);
}

TEST(depth_limit_is_exact)
{
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	struct doc_node *n;
	char *msg;

	lim.max_depth = 3;
	n = doc_load_buffer("t", "a:\n  b:\n    - x\n", 16, &lim, &d);
	CHECK(n != NULL);
	CHECK_INT(d.n, 0);
	doc_free(n);
	msg = load_error("a:\n  b:\n    - [x]\n", 18, &lim);
	CHECK_STR(msg, "t.yaml:3:7: te diep genest (meer dan 3 niveaus)");
	free(msg);
	diags_free(&d);
}

TEST(node_and_scalar_limits)
{
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	struct doc_node *n;
	char *msg;

	lim.max_nodes = 5;  /* the sequence and its items */
	n = doc_load_buffer("t", "[1, 2, 3, 4]", 12, &lim, &d);
	CHECK(n != NULL);
	doc_free(n);
	msg = load_error("[1, 2, 3, 4, 5]", 15, &lim);
	CHECK_STR(msg, "t.yaml:1:14: te veel elementen (meer dan 5)");
	free(msg);

	lim = doc_limits_default();
	lim.max_scalar = 4;
	n = doc_load_buffer("t", "abcd: abcd", 10, &lim, &d);
	CHECK(n != NULL);
	doc_free(n);
	msg = load_error("abcd: abcde", 11, &lim);
	CHECK_STR(msg, "t.yaml:1:7: tekst is te lang (5 bytes, hoogstens 4)");
	free(msg);
	CHECK_INT(d.n, 0);
	diags_free(&d);
}

TEST(size_limit_checked_before_reading)
{
	struct doc_limits lim = doc_limits_default();
	struct diags d = {0};
	const char *path;
	char *msg;

	lim.max_bytes = 10;
	path = tmp_file("a: 0123456789\n", 14);
	CHECK(path != NULL);
	CHECK(doc_load_file(path, &lim, &d) == NULL);
	unlink(path);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.v[0].msg, "bestand is te groot (14 bytes, hoogstens 10)");
	CHECK_INT(d.v[0].line, 0);
	msg = load_error("a: 0123456789\n", 14, &lim);
	CHECK_STR(msg, "t.yaml: bestand is te groot (14 bytes, hoogstens 10)");
	free(msg);
	diags_free(&d);
}

TEST(load_file_errors)
{
	struct diags d = {0};
	const char *path;
	struct doc_node *n;
	char *msg;

	CHECK(doc_load_file("/tmp", NULL, &d) == NULL);
	msg = diag_format(&d.v[0]);
	CHECK_STR(msg, "/tmp: is geen gewoon bestand");
	free(msg);
	diags_clear(&d);
	CHECK(doc_load_file("/nonexistent/duo/x.yaml", NULL, &d) == NULL);
	CHECK_INT(d.n, 1);
	CHECK_CONTAINS(d.v[0].msg, "kan niet openen: ");
	diags_clear(&d);
	path = tmp_file("a: 1\nb:\n  - c\n", 14);
	CHECK(path != NULL);
	n = doc_load_file(path, NULL, &d);
	unlink(path);
	CHECK(n != NULL);
	CHECK_INT(doc_map_get(n, "b")->item[0]->line, 3);
	doc_free(n);
	CHECK_INT(d.n, 0);
	diags_free(&d);
}

/* ---- emitting ----------------------------------------------------------- */

/* A tree with every kind of text that is easy to get wrong. */
static struct doc_node *tricky_tree(void)
{
	struct doc_node *m = doc_new_map(DOC_AUTO), *seq, *fl, *fm;

	doc_map_add_str(m, "namen", "Zoë, Ruşen, Noëlle, Straße 😀", DOC_AUTO);
	doc_map_add_str(m, "emoji", "😀", DOC_AUTO);
	doc_map_add_str(m, "met_nl", "regel een\nregel twee\n", DOC_AUTO);
	doc_map_add_str(m, "zonder_nl", "regel een\nregel twee", DOC_AUTO);
	doc_map_add_str(m, "twee_nl", "regel\n\n", DOC_AUTO);
	doc_map_add_str(m, "spaties_voor", "  ingesprongen\nen verder\n", DOC_AUTO);
	doc_map_add_str(m, "regel_spaties", "a  \nb\n", DOC_AUTO);
	doc_map_add_str(m, "leeg_midden", "a\n\n  b\nc", DOC_AUTO);
	doc_map_add_str(m, "true", "true", DOC_AUTO);
	doc_map_add_str(m, "getal", "123", DOC_AUTO);
	doc_map_add_str(m, "float", "-1.5e3", DOC_AUTO);
	doc_map_add_str(m, "hex", "0x1F", DOC_AUTO);
	doc_map_add_str(m, "datum", "2026-10-14", DOC_AUTO);
	doc_map_add_str(m, "null", "null", DOC_AUTO);
	doc_map_add_str(m, "tilde", "~", DOC_AUTO);
	doc_map_add_str(m, "ja", "Yes", DOC_AUTO);
	doc_map_add_str(m, "inf", ".inf", DOC_AUTO);
	doc_map_add_str(m, "dubbelepunt", "let op: dit", DOC_AUTO);
	doc_map_add_str(m, "hekje", "een #tag", DOC_AUTO);
	doc_map_add_str(m, "leeg", "", DOC_AUTO);
	doc_map_add_str(m, "spatie", " rand ", DOC_AUTO);
	doc_map_add_str(m, "streep", "- geen lijst", DOC_AUTO);
	doc_map_add_str(m, "quotes", "'hij zei \"nee\"' \\ einde", DOC_AUTO);
	doc_map_add_str(m, "tab", "a\tb\r\n", DOC_AUTO);
	doc_map_add_str(m, "punten", "...", DOC_AUTO);
	doc_map_add_str(m, "plain_getal", "1990", DOC_PLAIN);
	doc_map_add_str(m, "plain_bool", "false", DOC_PLAIN);
	doc_map_add_str(m, "plain_null", "", DOC_PLAIN);
	doc_map_add_str(m, "plain_onveilig", "a: b", DOC_PLAIN);
	doc_map_add_str(m, "quoted", "gewoon", DOC_QUOTED);
	doc_map_add_str(m, "literal", "een regel", DOC_LITERAL);
	doc_map_add_str(m, "key: met # tekens", "v", DOC_AUTO);
	doc_map_add_str(m, "", "lege sleutel", DOC_AUTO);
	{
		struct strbuf k = {0};
		int i;

		for (i = 0; i < 60; i++)
			sb_add(&k, "lang ");
		doc_map_add_str(m, k.s, "lange sleutel", DOC_AUTO);  /* "? " form */
		for (i = 0; i < 600; i++)
			sb_add(&k, "nog langer ");
		sb_add(&k, "einde");
		doc_map_add_str(m, "lang", k.s, DOC_AUTO);  /* never folded */
		sb_free(&k);
	}
	seq = doc_new_seq(DOC_AUTO);
	doc_seq_add(seq, doc_new_scalar("a\nb\n", DOC_AUTO));
	doc_seq_add(seq, doc_new_scalar("  c\nd", DOC_LITERAL));
	fm = doc_new_map(DOC_AUTO);
	doc_map_add_str(fm, "ref", "anouk", DOC_AUTO);
	doc_map_add_str(fm, "tekst", "x\ny\n", DOC_AUTO);
	doc_seq_add(seq, fm);
	doc_seq_add(seq, doc_new_seq(DOC_AUTO));
	doc_map_add(m, "lijst", seq);
	fl = doc_new_seq(DOC_FLOW);
	doc_seq_add(fl, doc_new_scalar("anouk", DOC_AUTO));
	doc_seq_add(fl, doc_new_scalar("a, b", DOC_AUTO));
	doc_seq_add(fl, doc_new_scalar("[x]", DOC_PLAIN));
	doc_seq_add(fl, doc_new_scalar("twee\nregels", DOC_AUTO));
	doc_seq_add(fl, doc_new_scalar("", DOC_PLAIN));
	doc_map_add(m, "flow_lijst", fl);
	fm = doc_new_map(DOC_FLOW);
	doc_map_add_str(fm, "duo", "3", DOC_PLAIN);
	doc_map_add_str(fm, "a:b", "{c}", DOC_AUTO);
	seq = doc_new_seq(DOC_AUTO);  /* block inside flow becomes flow */
	doc_seq_add(seq, doc_new_scalar("x", DOC_AUTO));
	doc_map_add(fm, "in", seq);
	doc_map_add(m, "flow_map", fm);
	return m;
}

TEST(emit_load_emit_is_byte_identical)
{
	struct doc_node *t = tricky_tree();
	char *s = round_trip(t);

	CHECK(s != NULL);
	/* Spot checks of the style chosen for each kind of text. */
	/* libyaml escapes characters outside the BMP, quoting the text. */
	CHECK_CONTAINS(s, "namen: \"Zoë, Ruşen, Noëlle, Straße \\U0001F600\"\n");
	CHECK_CONTAINS(s, "\nmet_nl: |\n  regel een\n  regel twee\n");
	CHECK_CONTAINS(s, "\nzonder_nl: |-\n  regel een\n  regel twee\n");
	CHECK_CONTAINS(s, "\ntwee_nl: \"regel\\n\\n\"\n");
	CHECK_CONTAINS(s, "\nspaties_voor: \"  ingesprongen\\nen verder\\n\"\n");
	CHECK_CONTAINS(s, "\nregel_spaties: \"a  \\nb\\n\"\n");
	CHECK_CONTAINS(s, "\n\"true\": \"true\"\n");
	CHECK_CONTAINS(s, "\ngetal: \"123\"\n");
	CHECK_CONTAINS(s, "\ndatum: \"2026-10-14\"\n");
	CHECK_CONTAINS(s, "\n\"null\": \"null\"\n");
	CHECK_CONTAINS(s, "\ndubbelepunt: \"let op: dit\"\n");
	CHECK_CONTAINS(s, "\nhekje: \"een #tag\"\n");
	CHECK_CONTAINS(s, "\nleeg: \"\"\n");
	CHECK_CONTAINS(s, "\nplain_getal: 1990\n");
	CHECK_CONTAINS(s, "\nplain_bool: false\n");
	CHECK_CONTAINS(s, "\nplain_null:\n");
	CHECK_CONTAINS(s, "\nplain_onveilig: \"a: b\"\n");
	CHECK_CONTAINS(s, "\nquoted: \"gewoon\"\n");
	CHECK_CONTAINS(s, "\nliteral: |-\n  een regel\n");
	CHECK_CONTAINS(s, "\nflow_lijst: [anouk, \"a, b\", \"[x]\", "
	                  "\"twee\\nregels\", \"\"]\n");
	CHECK_CONTAINS(s, "\nflow_map: {duo: 3, \"a:b\": \"{c}\", in: [x]}\n");
	CHECK_CONTAINS(s, "\nlang: lang lang ");
	CHECK_CONTAINS(s, "nog langer einde\n");
	CHECK(strstr(s, "nog langer\n") == NULL);
	CHECK_CONTAINS(s, "\n? \"lang lang ");
	CHECK(strstr(s, "---") == NULL);
	CHECK(strstr(s, "...\n") == NULL);
	free(s);
	doc_free(t);
}

TEST(emit_format_is_pinned)
{
	struct doc_node *m = doc_new_map(DOC_AUTO), *members, *p;
	struct diags d = {0};
	char *s;

	doc_map_add_str(m, "format", "duo-case/1", DOC_AUTO);
	members = doc_new_seq(DOC_AUTO);
	p = doc_new_map(DOC_AUTO);
	doc_map_add_str(p, "ref", "anouk", DOC_AUTO);
	doc_map_add_str(p, "born", "1990", DOC_PLAIN);
	doc_map_add(p, "about", doc_new_seq(DOC_FLOW));
	doc_seq_add(doc_map_get(p, "about"), doc_new_scalar("sem", DOC_AUTO));
	doc_seq_add(members, p);
	doc_map_add(m, "members", members);
	doc_map_add_str(m, "text", "Eerste regel.\nTweede regel.\n", DOC_AUTO);
	doc_map_add(m, "leeg", doc_new_seq(DOC_AUTO));
	s = doc_emit_string(m, &d);
	/* libyaml 0.2.5 writes a sequence under a key at the key's indent. */
	CHECK_STR(s, "format: duo-case/1\n"
	             "members:\n"
	             "- ref: anouk\n"
	             "  born: 1990\n"
	             "  about: [sem]\n"
	             "text: |\n"
	             "  Eerste regel.\n"
	             "  Tweede regel.\n"
	             "leeg: []\n");
	free(s);
	/* The same tree always gives the same bytes. */
	s = doc_emit_string(m, &d);
	CHECK(s && strstr(s, "text: |\n"));
	free(s);
	CHECK_INT(d.n, 0);
	doc_free(m);
	diags_free(&d);
}

TEST(auto_true_is_quoted_and_loads_as_quoted)
{
	struct doc_node *m = doc_new_map(DOC_AUTO), *back;
	struct diags d = {0};
	char *s;

	doc_map_add_str(m, "a", "true", DOC_AUTO);
	doc_map_add_str(m, "b", "true", DOC_PLAIN);
	s = doc_emit_string(m, &d);
	CHECK_STR(s, "a: \"true\"\nb: true\n");
	back = load(s, &d);
	free(s);
	CHECK(back != NULL);
	CHECK_INT(doc_map_get(back, "a")->style, DOC_QUOTED);
	CHECK_INT(doc_map_get(back, "b")->style, DOC_PLAIN);
	CHECK_STR(doc_map_str(back, "a"), "true");
	doc_free(back);
	doc_free(m);
	diags_free(&d);
}

TEST(emit_file_and_write_error)
{
	struct doc_node *m = doc_new_map(DOC_AUTO), *back;
	struct diags d = {0};
	FILE *f;
	const char *path = tmp_file("", 0);

	doc_map_add_str(m, "naam", "Noëlle", DOC_AUTO);
	CHECK(path != NULL);
	f = fopen(path, "w");
	CHECK(f != NULL);
	CHECK_INT(doc_emit(f, path, m, &d), 0);
	fclose(f);
	back = doc_load_file(path, NULL, &d);
	unlink(path);
	CHECK(back && same_data(m, back));
	doc_free(back);
	CHECK_INT(d.n, 0);

	f = fopen("/dev/full", "w");
	if (f) {
		CHECK_INT(doc_emit(f, "/dev/full", m, &d), -1);
		fclose(f);
		CHECK_INT(d.n, 1);
		CHECK_CONTAINS(d.v[0].msg, "schrijven mislukt: ");
		CHECK_STR(d.v[0].file, "/dev/full");
		diags_clear(&d);
	}
	/* Text that is not UTF-8 cannot be written. */
	doc_map_add_str(m, "kapot", "a\xff", DOC_AUTO);
	CHECK(doc_emit_string(m, &d) == NULL);
	CHECK_INT(d.n, 1);
	CHECK_CONTAINS(d.v[0].msg, "geen geldige UTF-8");
	doc_free(m);
	diags_free(&d);
}

/* A deterministic generator of awkward texts and trees. */
static uint32_t rnd_state = 12345;

static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static char *rnd_text(void)
{
	static const char *const bits[] = {
		"a", "Zoë", " ", "  ", "\n", "\n\n", ": ", " #", "#", "-", "- ",
		"true", "12", "0x1F", "2026-10-14", "~", "null", "'", "\"", "\\",
		"[", "]", "{", "}", ",", "?", "&x", "*y", "!", "|", ">", "%", "@",
		"`", "\t", "\r", "😀", "ß", "...", "---", ":", "\xc2\xa0", "\xc2\x85",
		"\xe2\x80\xa8", "\xef\xbb\xbf", "yes", "On", ".5", "="
	};
	struct strbuf sb = {0};
	uint32_t i, n = rnd(6);

	for (i = 0; i < n; i++)
		sb_add(&sb, bits[rnd(sizeof bits / sizeof *bits)]);
	return sb_steal(&sb);
}

static struct doc_node *rnd_node(int depth)
{
	static const enum doc_style scalar_styles[] = {
		DOC_AUTO, DOC_AUTO, DOC_PLAIN, DOC_QUOTED, DOC_LITERAL
	};
	uint32_t kind = depth > 3 ? 0 : rnd(4), i, n;
	struct doc_node *node;
	char *t;

	if (kind <= 1) {
		t = rnd_text();
		node = doc_new_scalar(t, scalar_styles[rnd(5)]);
		free(t);
		return node;
	}
	n = rnd(4);
	if (kind == 2) {
		node = doc_new_seq(rnd(3) == 0 ? DOC_FLOW : DOC_AUTO);
		for (i = 0; i < n; i++)
			doc_seq_add(node, rnd_node(depth + 1));
		return node;
	}
	node = doc_new_map(rnd(3) == 0 ? DOC_FLOW : DOC_AUTO);
	for (i = 0; i < n; i++) {
		t = rnd_text();
		if (!doc_map_pair(node, t))
			doc_map_add(node, t, rnd_node(depth + 1));
		free(t);
	}
	return node;
}

TEST(random_trees_round_trip)
{
	int i;

	for (i = 0; i < 3000; i++) {
		struct doc_node *m = doc_new_map(DOC_AUTO);
		char *s;

		doc_map_add(m, "x", rnd_node(0));
		doc_map_add(m, "y", rnd_node(0));
		s = round_trip(m);
		doc_free(m);
		if (!s)
			fprintf(stderr, "    tree %d\n", i);
		CHECK(s != NULL);
		free(s);
	}
}

/* ---- helpers of the tree ------------------------------------------------ */

TEST(is_null_cases)
{
	struct diags d = {0};
	struct doc_node *n = load("a:\nb: ~\nc: null\nd: Null\ne: NULL\n"
	                          "f: \"\"\ng: 'null'\nh: nul\ni: nULL\n"
	                          "j: []\n", &d);

	CHECK(n != NULL);
	CHECK(doc_is_null(doc_map_get(n, "a")));
	CHECK(doc_is_null(doc_map_get(n, "b")));
	CHECK(doc_is_null(doc_map_get(n, "c")));
	CHECK(doc_is_null(doc_map_get(n, "d")));
	CHECK(doc_is_null(doc_map_get(n, "e")));
	CHECK(!doc_is_null(doc_map_get(n, "f")));  /* quoted "" is text */
	CHECK(!doc_is_null(doc_map_get(n, "g")));
	CHECK(!doc_is_null(doc_map_get(n, "h")));
	CHECK(!doc_is_null(doc_map_get(n, "i")));
	CHECK(!doc_is_null(doc_map_get(n, "j")));
	CHECK(!doc_is_null(NULL));
	doc_free(n);
	n = doc_new_scalar("", DOC_AUTO);
	CHECK(!doc_is_null(n));  /* it would be written as "" */
	n->style = DOC_PLAIN;
	CHECK(doc_is_null(n));
	doc_free(n);
	diags_free(&d);
}

TEST(clone_is_deep_and_equal)
{
	struct diags d = {0};
	struct doc_node *n = load("a: 1\nb:\n  - x\n  - {c: 'd'}\ne: |\n  t\n", &d);
	struct doc_node *c;

	CHECK(n != NULL);
	c = doc_clone(n);
	CHECK(c != NULL && c != n);
	CHECK(same_all(n, c));
	CHECK(c->pair[0].key != n->pair[0].key);
	CHECK(doc_map_get(c, "b") != doc_map_get(n, "b"));
	free(doc_map_get(c, "a")->text);
	doc_map_get(c, "a")->text = xstrdup("2");
	CHECK_STR(doc_map_str(n, "a"), "1");
	CHECK(!same_all(n, c));
	CHECK(doc_clone(NULL) == NULL);
	doc_free(c);
	doc_free(n);
	diags_free(&d);
}

TEST(builders_and_lookup)
{
	struct doc_node *m = doc_new_map(DOC_AUTO), *s;

	doc_map_add_str(m, "a", "x", DOC_AUTO);
	doc_map_add(m, "b", doc_new_seq(DOC_FLOW));
	doc_map_add(m, "c", doc_new_scalarf(DOC_PLAIN, "%d-%s", 7, "z"));
	CHECK_INT(m->len, 3);
	CHECK_STR(doc_map_str(m, "a"), "x");
	CHECK(doc_map_str(m, "b") == NULL);      /* not a scalar */
	CHECK(doc_map_get(m, "zz") == NULL);
	CHECK(doc_map_pair(m, "zz") == NULL);
	CHECK_STR(doc_map_str(m, "c"), "7-z");
	CHECK_INT(doc_map_get(m, "c")->style, DOC_PLAIN);
	CHECK_INT(doc_map_pair(m, "c")->line, 0);
	s = doc_new_scalar(NULL, DOC_AUTO);
	CHECK_STR(s->text, "");
	CHECK(doc_map_get(s, "a") == NULL);       /* not a mapping */
	CHECK(doc_map_str(NULL, "a") == NULL);
	doc_free(s);
	doc_free(m);
	doc_free(NULL);
	CHECK_INT(doc_limits_default().max_bytes, 8 * 1024 * 1024);
	CHECK_INT(doc_limits_default().max_depth, 32);
	CHECK_INT(doc_limits_default().max_nodes, 1000000);
	CHECK_INT(doc_limits_default().max_scalar, 1024 * 1024);
}

int main(void)
{
	RUN(load_mapping_with_positions);
	RUN(load_scalar_styles_and_roots);
	RUN(load_example_household);
	RUN(load_bom_and_crlf);
	RUN(duplicate_key_refused_with_both_lines);
	RUN(duplicate_key_found_in_large_mapping);
	RUN(aliases_and_anchors_refused);
	RUN(tags_keys_and_documents_refused);
	RUN(empty_inputs_refused);
	RUN(invalid_utf8_and_nul_refused_with_position);
	RUN(syntax_error_has_position_and_context);
	RUN(deep_nesting_refused_fast);
	RUN(depth_limit_is_exact);
	RUN(node_and_scalar_limits);
	RUN(size_limit_checked_before_reading);
	RUN(load_file_errors);
	RUN(emit_load_emit_is_byte_identical);
	RUN(emit_format_is_pinned);
	RUN(auto_true_is_quoted_and_loads_as_quoted);
	RUN(emit_file_and_write_error);
	RUN(random_trees_round_trip);
	RUN(is_null_cases);
	RUN(clone_is_deep_and_equal);
	RUN(builders_and_lookup);
	return unit_done();
}
