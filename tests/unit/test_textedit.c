/*
 * test_textedit.c - unit tests of textedit.c: editing over multibyte,
 * wide and combining characters, what typing and pasting keep out of a
 * field, the word-wrapped layout and moving the cursor over it.
 */
#include <stdlib.h>
#include <string.h>

#include "textedit.h"
#include "unit.h"
#include "util.h"

/* Test texts, spelled out in bytes. */
#define E_UML   "\xc3\xab"          /* ë, 2 bytes */
#define SZ      "\xc3\x9f"          /* ß, 2 bytes */
#define S_CED   "\xc5\x9f"          /* ş, 2 bytes */
#define HAN     "\xe6\xbc\xa2"      /* 漢, 3 bytes, 2 columns */
#define ZI      "\xe5\xad\x97"      /* 字, 3 bytes, 2 columns */
#define GRIN    "\xf0\x9f\x98\x80"  /* 😀, 4 bytes, 2 columns */
#define ACUTE   "\xcc\x81"          /* U+0301 COMBINING ACUTE, 0 columns */
#define FFFD    "\xef\xbf\xbd"      /* U+FFFD REPLACEMENT CHARACTER */

/* The lines of te's layout at width, joined with '|'. Caller frees. */
static char *lay(const struct textedit *te, int width)
{
	struct strbuf sb = {0};
	struct te_line *v;
	size_t n = te_layout(te, width, &v);

	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(&sb, '|');
		sb_addn(&sb, te_text(te) + v[i].start, v[i].end - v[i].start);
	}
	free(v);
	return sb_steal(&sb);
}

/* The widths of te's layout at width, as "w,w,w". Caller frees. */
static char *lay_widths(const struct textedit *te, int width)
{
	struct strbuf sb = {0};
	struct te_line *v;
	size_t n = te_layout(te, width, &v);

	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%d", i ? "," : "", v[i].width);
	free(v);
	return sb_steal(&sb);
}

#define CHECK_LAYOUT(te, width, want) do { \
	char *got_ = lay((te), (width)); \
	int ok_ = strcmp(got_, (want)) == 0; \
	if (!ok_) \
		printf("# layout: \"%s\"\n", got_); \
	free(got_); \
	CHECK(ok_); \
} while (0)

#define CHECK_WIDTHS(te, width, want) do { \
	char *got_ = lay_widths((te), (width)); \
	int ok_ = strcmp(got_, (want)) == 0; \
	if (!ok_) \
		printf("# widths: \"%s\"\n", got_); \
	free(got_); \
	CHECK(ok_); \
} while (0)

/* Check the cursor's wrapped line and column at width. */
#define CHECK_POS(te, width, wline, wcol) do { \
	size_t line_; \
	int col_; \
	te_cursor_pos((te), (width), &line_, &col_); \
	CHECK_INT(line_, (wline)); \
	CHECK_INT(col_, (wcol)); \
} while (0)

static void put(struct textedit *te, const char *s)
{
	te_insert(te, s, strlen(s));
}

TEST(insert_and_backspace_two_byte_letters)
{
	struct textedit te;

	te_init(&te, "", 1);
	put(&te, "Zo" E_UML);
	CHECK_STR(te_text(&te), "Zo" E_UML);
	CHECK_INT(te.cur, 4);
	te_backspace(&te);
	CHECK_STR(te_text(&te), "Zo");
	CHECK_INT(te.cur, 2);
	put(&te, SZ S_CED);
	te_left(&te);
	CHECK_INT(te.cur, 4);
	te_backspace(&te);
	CHECK_STR(te_text(&te), "Zo" S_CED);
	CHECK_INT(te.cur, 2);
	te_delete(&te);
	CHECK_STR(te_text(&te), "Zo");
	te_free(&te);
}

TEST(emoji_of_four_bytes_is_one_character)
{
	struct textedit te;

	te_init(&te, "a" GRIN "b", 1);
	CHECK_INT(te.cur, 6);
	te_left(&te);
	CHECK_INT(te.cur, 5);
	te_left(&te);
	CHECK_INT(te.cur, 1);
	te_right(&te);
	CHECK_INT(te.cur, 5);
	te_backspace(&te);
	CHECK_STR(te_text(&te), "ab");
	CHECK_INT(te.cur, 1);
	put(&te, GRIN);
	CHECK_STR(te_text(&te), "a" GRIN "b");
	te_start(&te);
	te_right(&te);
	te_delete(&te);
	CHECK_STR(te_text(&te), "ab");
	te_free(&te);
}

TEST(delete_wide_cjk_characters)
{
	struct textedit te;

	te_init(&te, HAN ZI S_CED, 0);
	te_start(&te);
	te_delete(&te);
	CHECK_STR(te_text(&te), ZI S_CED);
	CHECK_INT(te.cur, 0);
	te_right(&te);
	CHECK_INT(te.cur, 3);
	te_delete(&te);
	CHECK_STR(te_text(&te), ZI);
	te_delete(&te);   /* at the end: nothing */
	CHECK_STR(te_text(&te), ZI);
	te_free(&te);
}

TEST(combining_mark_moves_and_goes_with_its_letter)
{
	struct textedit te;

	te_init(&te, "e" ACUTE "x", 1);
	CHECK_INT(te.cur, 4);
	te_left(&te);
	CHECK_INT(te.cur, 3);
	te_left(&te);
	CHECK_INT(te.cur, 0);   /* never between e and its accent */
	te_right(&te);
	CHECK_INT(te.cur, 3);
	te_backspace(&te);
	CHECK_STR(te_text(&te), "x");
	CHECK_INT(te.cur, 0);
	/* Typing the mark after a letter joins it to that letter. */
	te_finish(&te);
	put(&te, ACUTE);
	CHECK_STR(te_text(&te), "x" ACUTE);
	te_start(&te);
	te_delete(&te);
	CHECK_STR(te_text(&te), "");
	te_free(&te);
}

TEST(combining_marks_never_start_a_wrapped_line)
{
	struct textedit te;
	struct strbuf sb = {0};

	for (int i = 0; i < 12; i++)
		sb_add(&sb, "e" ACUTE);
	te_init(&te, sb_str(&sb), 1);
	CHECK_WIDTHS(&te, 10, "10,2");
	CHECK_POS(&te, 10, 1, 2);
	te_up(&te, 10);
	CHECK_INT(te.cur, 6);   /* after two clusters of three bytes */
	sb_free(&sb);
	te_free(&te);
}

TEST(layout_wraps_after_spaces)
{
	struct textedit te;

	te_init(&te, "het kind is veilig thuis", 1);
	CHECK_LAYOUT(&te, 10, "het kind |is veilig |thuis");
	CHECK_WIDTHS(&te, 10, "9,10,5");
	CHECK_LAYOUT(&te, 80, "het kind is veilig thuis");
	te_free(&te);
}

TEST(layout_breaks_a_word_longer_than_the_width)
{
	struct textedit te;

	te_init(&te, "een ondertoezichtstelling", 1);
	CHECK_LAYOUT(&te, 10, "een |ondertoezi|chtstellin|g");
	CHECK_WIDTHS(&te, 10, "4,10,10,1");
	te_set(&te, "ab");
	CHECK_LAYOUT(&te, 1, "a|b");
	te_free(&te);
}

TEST(layout_never_splits_a_wide_character_at_the_edge)
{
	struct textedit te;

	te_init(&te, "abcdefghi" HAN ZI, 1);
	CHECK_LAYOUT(&te, 10, "abcdefghi|" HAN ZI);
	CHECK_WIDTHS(&te, 10, "9,4");
	te_set(&te, HAN ZI HAN ZI HAN ZI);
	CHECK_LAYOUT(&te, 9, HAN ZI HAN ZI "|" HAN ZI);
	CHECK_WIDTHS(&te, 9, "8,4");
	/* Wider than the whole width: alone on its line, never lost. */
	te_set(&te, HAN "a");
	CHECK_LAYOUT(&te, 1, HAN "|a");
	CHECK_WIDTHS(&te, 1, "2,1");
	te_free(&te);
}

TEST(layout_explicit_newlines_and_trailing_newline)
{
	struct textedit te;
	struct te_line *v;
	size_t n;

	te_init(&te, "a\nb c\n\nd", 1);
	CHECK_LAYOUT(&te, 10, "a|b c||d");
	te_set(&te, "abc\n");
	n = te_layout(&te, 10, &v);
	CHECK_INT(n, 2);
	CHECK_INT(v[1].start, 4);
	CHECK_INT(v[1].end, 4);
	CHECK_INT(v[1].width, 0);
	free(v);
	CHECK_POS(&te, 10, 1, 0);   /* the cursor sits on the empty line */
	te_set(&te, "");
	n = te_layout(&te, 10, &v);
	CHECK_INT(n, 1);
	CHECK(v[0].start == 0 && v[0].end == 0 && v[0].width == 0);
	free(v);
	CHECK_POS(&te, 10, 0, 0);
	te_free(&te);
}

TEST(cursor_pos_after_a_wrap)
{
	struct textedit te;

	te_init(&te, "het kind is veilig", 1);
	CHECK_POS(&te, 10, 1, 9);
	te.cur = 9;                  /* after the space of the wrap point */
	CHECK_POS(&te, 10, 1, 0);
	te.cur = 8;                  /* before it */
	CHECK_POS(&te, 10, 0, 8);
	te.cur = 0;
	CHECK_POS(&te, 10, 0, 0);
	te_set(&te, "ondertoezichtstelling");
	te.cur = 10;                 /* inside a broken word: next line */
	CHECK_POS(&te, 10, 1, 0);
	te_set(&te, HAN ZI HAN);
	CHECK_POS(&te, 5, 1, 2);
	te_free(&te);
}

TEST(cursor_column_stays_inside_the_width)
{
	struct textedit te;

	/* Spaces hang past the edge; the cursor is shown on the last column. */
	te_init(&te, "aaaaaaaaaa   bbb", 1);
	CHECK_LAYOUT(&te, 10, "aaaaaaaaaa   |bbb");
	CHECK_WIDTHS(&te, 10, "13,3");
	te.cur = 12;
	CHECK_POS(&te, 10, 0, 9);
	te.cur = 13;
	CHECK_POS(&te, 10, 1, 0);
	/* A full last line. */
	te_set(&te, "aaaaaaaaaa");
	CHECK_POS(&te, 10, 0, 9);
	te_free(&te);
}

TEST(up_and_down_keep_the_goal_column)
{
	struct textedit te;

	/* 0..7 "abcdefgh", 9..10 "ab", 12..19 "abcdefgh" */
	te_init(&te, "abcdefgh\nab\nabcdefgh", 1);
	te.cur = 6;
	CHECK(te_down(&te, 20));
	CHECK_INT(te.cur, 11);       /* the end of "ab" */
	CHECK_INT(te.goal_col, 6);
	CHECK(te_down(&te, 20));
	CHECK_INT(te.cur, 18);       /* column 6 again */
	CHECK(!te_down(&te, 20));    /* on the bottom line */
	CHECK_INT(te.cur, 18);
	CHECK(te_up(&te, 20));
	CHECK(te_up(&te, 20));
	CHECK_INT(te.cur, 6);
	CHECK(!te_up(&te, 20));      /* on the top line */
	te_left(&te);                /* a sideways move forgets the goal */
	CHECK_INT(te.goal_col, -1);
	CHECK(te_down(&te, 20));
	CHECK_INT(te.cur, 11);
	CHECK_INT(te.goal_col, 5);
	te_free(&te);
}

TEST(up_and_down_over_wide_characters)
{
	struct textedit te;

	/* 漢字漢字 (columns 0 2 4 6 8), '\n' at 12, "abcde" from 13 */
	te_init(&te, HAN ZI HAN ZI "\nabcde", 1);
	te.cur = 16;                 /* column 3 */
	CHECK(te_up(&te, 20));
	CHECK_INT(te.cur, 3);        /* column 2: not past the goal */
	CHECK_POS(&te, 20, 0, 2);
	CHECK(te_down(&te, 20));
	CHECK_INT(te.cur, 16);       /* column 3 kept */
	te.goal_col = -1;
	te.cur = 18;                 /* column 5 */
	CHECK(te_up(&te, 20));
	CHECK_INT(te.cur, 6);        /* column 4 */
	te_free(&te);
}

TEST(up_and_down_over_wrapped_lines)
{
	struct textedit te;

	te_init(&te, "het kind is veilig", 1);
	CHECK(te_up(&te, 10));        /* from column 9 of line 1 */
	CHECK_INT(te.cur, 8);         /* the last place on line 0 */
	CHECK_POS(&te, 10, 0, 8);
	CHECK(te_down(&te, 10));
	CHECK_INT(te.cur, 18);        /* column 9 again */
	te_start(&te);
	te_right(&te);
	te_right(&te);
	CHECK(te_down(&te, 10));
	CHECK_INT(te.cur, 11);
	CHECK_POS(&te, 10, 1, 2);
	te_free(&te);
}

TEST(home_and_end_of_the_wrapped_line)
{
	struct textedit te;

	te_init(&te, "het kind is veilig", 1);
	te.cur = 12;
	te_home(&te, 10);
	CHECK_INT(te.cur, 9);
	te_end(&te, 10);
	CHECK_INT(te.cur, 18);
	te.cur = 2;
	te_end(&te, 10);
	CHECK_INT(te.cur, 8);         /* before the space of the wrap point */
	te_home(&te, 10);
	CHECK_INT(te.cur, 0);
	te_set(&te, "abc\ndef");
	te.cur = 1;
	te_end(&te, 10);
	CHECK_INT(te.cur, 3);         /* before the newline */
	te.cur = 6;
	te_home(&te, 10);
	CHECK_INT(te.cur, 4);
	te_free(&te);
}

TEST(word_left_and_right)
{
	struct textedit te;

	te_init(&te, "  het  kind\nis" E_UML, 1);
	te_start(&te);
	te_word_right(&te);
	CHECK_INT(te.cur, 5);
	te_word_right(&te);
	CHECK_INT(te.cur, 11);
	te_word_right(&te);
	CHECK_INT(te.cur, 16);
	te_word_right(&te);
	CHECK_INT(te.cur, 16);
	te_word_left(&te);
	CHECK_INT(te.cur, 12);
	te_word_left(&te);
	CHECK_INT(te.cur, 7);
	te_word_left(&te);
	CHECK_INT(te.cur, 2);
	te_word_left(&te);
	CHECK_INT(te.cur, 0);
	te_free(&te);
}

TEST(paste_into_a_multiline_field)
{
	struct textedit te;

	te_init(&te, "", 1);
	put(&te, "Eerste regel\r\nTweede\tregel\rDerde\n");
	CHECK_STR(te_text(&te), "Eerste regel\nTweede regel\nDerde\n");
	CHECK_INT(te.cur, te.text.len);
	CHECK_LAYOUT(&te, 40, "Eerste regel|Tweede regel|Derde|");
	te_free(&te);
}

TEST(paste_into_a_single_line_field)
{
	struct textedit te;

	te_init(&te, "regel\nnog een", 0);
	CHECK_STR(te_text(&te), "regel nog een");
	te_set(&te, "");
	put(&te, "Eerste regel\r\nTweede\tregel\rDerde\n");
	CHECK_STR(te_text(&te), "Eerste regel Tweede regel Derde ");
	CHECK_LAYOUT(&te, 13, "Eerste regel |Tweede regel |Derde ");
	te_free(&te);
}

TEST(control_characters_are_dropped)
{
	static const char in[] = "a\x1b[31mb\x07" "c\x7f\xc2\x85" "d\0e\x08";
	struct textedit te;

	te_init(&te, "", 1);
	te_insert(&te, in, sizeof in - 1);
	CHECK_STR(te_text(&te), "a[31mbcde");
	CHECK_INT(te.text.len, 9);
	te_set(&te, "");
	te.changed = 0;
	put(&te, "\x1b\x01");
	CHECK_STR(te_text(&te), "");
	CHECK(!te.changed);
	te_free(&te);
}

TEST(invalid_utf8_becomes_replacement_characters)
{
	struct textedit te;

	te_init(&te, "", 1);
	put(&te, "a\xff" "b\xc3(\xed\xa0\x80" "c\xf0\x9f\x98");
	CHECK_STR(te_text(&te),
	          "a" FFFD "b" FFFD "(" FFFD FFFD FFFD "c" FFFD FFFD FFFD);
	CHECK(utf8_valid(te_text(&te), te.text.len, NULL));
	te_set(&te, "\xc0\xaf");       /* overlong '/' */
	CHECK_STR(te_text(&te), FFFD FFFD);
	te_free(&te);
}

TEST(max_bytes_cuts_at_a_character_boundary)
{
	struct textedit te;

	te_init(&te, "", 0);
	te.max_bytes = 4;
	put(&te, "abc" E_UML);        /* 5 bytes: the ë does not fit whole */
	CHECK_STR(te_text(&te), "abc");
	put(&te, "d" HAN);
	CHECK_STR(te_text(&te), "abcd");
	te.changed = 0;
	put(&te, "e");
	CHECK_STR(te_text(&te), "abcd");
	CHECK(!te.changed);
	te.max_bytes = 9;
	te_start(&te);
	put(&te, GRIN HAN);           /* 4 of 7 fit */
	CHECK_STR(te_text(&te), GRIN "abcd");
	CHECK_INT(te.cur, 4);
	/* te_set never cuts what is already stored. */
	te_set(&te, "een tekst langer dan negen bytes");
	CHECK_INT(te.text.len, 32);
	te_free(&te);
}

TEST(kill_to_end_of_the_logical_line)
{
	struct textedit te;

	te_init(&te, "abc def ghi jkl\nmno", 1);
	te.cur = 4;
	te_kill_to_end(&te);          /* not just to the wrapped line's end */
	CHECK_STR(te_text(&te), "abc \nmno");
	CHECK_INT(te.cur, 4);
	te_kill_to_end(&te);          /* at the end: join the next line */
	CHECK_STR(te_text(&te), "abc mno");
	te_kill_to_end(&te);
	CHECK_STR(te_text(&te), "abc ");
	te.changed = 0;
	te_kill_to_end(&te);
	CHECK_STR(te_text(&te), "abc ");
	CHECK(!te.changed);
	te_free(&te);
}

TEST(delete_word_back)
{
	struct textedit te;

	te_init(&te, "het k" E_UML "nd  ", 1);
	te_delete_word_back(&te);
	CHECK_STR(te_text(&te), "het ");
	CHECK_INT(te.cur, 4);
	te_delete_word_back(&te);
	CHECK_STR(te_text(&te), "");
	te_set(&te, "a\nb c");
	te.cur = 3;
	te_delete_word_back(&te);
	CHECK_STR(te_text(&te), "a\n c");
	te_delete_word_back(&te);
	CHECK_STR(te_text(&te), " c");
	CHECK_INT(te.cur, 0);
	te_free(&te);
}

TEST(changed_is_set_by_edits_only)
{
	struct textedit te;

	te_init(&te, "abc", 1);
	CHECK(!te.changed);
	te_left(&te);
	te_word_left(&te);
	te_up(&te, 10);
	te_end(&te, 10);
	CHECK(!te.changed);
	te_set(&te, "abc");
	CHECK(!te.changed);
	te_backspace(&te);
	CHECK(te.changed);
	te.changed = 0;
	te_set(&te, "x");
	CHECK(te.changed);
	te_free(&te);
}

TEST(empty_field)
{
	struct textedit te;

	te_init(&te, NULL, 1);
	CHECK_STR(te_text(&te), "");
	te_backspace(&te);
	te_delete(&te);
	te_delete_word_back(&te);
	te_kill_to_end(&te);
	te_left(&te);
	te_right(&te);
	te_word_left(&te);
	te_word_right(&te);
	te_home(&te, 5);
	te_end(&te, 5);
	CHECK(!te_up(&te, 5));
	CHECK(!te_down(&te, 5));
	CHECK(!te.changed);
	CHECK_INT(te.cur, 0);
	CHECK_POS(&te, 5, 0, 0);
	te_free(&te);
}

/* The layout of te at width covers the text in order, with honest widths
 * that stay inside width but for hanging spaces or one wide character on a
 * line narrower than it; the cursor is on it. */
static int layout_ok(const struct textedit *te, int width)
{
	const char *s = te_text(te);
	struct te_line *v;
	size_t n = te_layout(te, width, &v), line;
	int ok = n >= 1 && v[0].start == 0 && v[n - 1].end == te->text.len;
	int col;

	for (size_t i = 0; ok && i < n; i++) {
		size_t e = v[i].end;

		/* Leave out the hanging spaces, and marks they carry. */
		while (e > v[i].start) {
			size_t b = e - 1;
			unsigned long cp;

			while (b > v[i].start && (s[b] & 0xc0) == 0x80)
				b--;
			utf8_decode(s + b, e - b, &cp);
			if (cp != ' ' && utf8_cp_width(cp) != 0)
				break;
			e = b;
		}
		ok = v[i].width == utf8_width(s + v[i].start,
		                              v[i].end - v[i].start) &&
		     utf8_width(s + v[i].start, e - v[i].start) <=
		             (width > 2 ? width : 2);
		if (ok && i + 1 < n)
			ok = v[i + 1].start == v[i].end ||
			     (s[v[i].end] == '\n' && v[i + 1].start == v[i].end + 1);
	}
	free(v);
	te_cursor_pos(te, width, &line, &col);
	ok = ok && line < n && col >= 0 && col < width;
	if (!ok) {
		char *l = lay(te, width);

		printf("# width %d, cursor %zu, lines \"%s\"\n", width, te->cur, l);
		free(l);
	}
	return ok;
}

TEST(random_edits_keep_the_invariants)
{
	static const char *bits[] = {
		"a", " ", "\n", "het ", E_UML, HAN, GRIN, ACUTE, "\r\n", "\t",
		"\xff", "ondertoezichtstelling ", "  ",
	};
	struct textedit te;
	unsigned long r = 12345;

	te_init(&te, "", 1);
	te.max_bytes = 300;
	for (int i = 0; i < 3000; i++) {
		int width = 1 + (int)((r >> 20) % 12);

		r = r * 6364136223846793005UL + 1442695040888963407UL;
		switch ((r >> 33) % 16) {
		case 0: case 1: case 2: case 3: case 4:
			put(&te, bits[(r >> 40) % (sizeof bits / sizeof *bits)]);
			break;
		case 5: te_backspace(&te); break;
		case 6: te_delete(&te); break;
		case 7: te_left(&te); break;
		case 8: te_right(&te); break;
		case 9: te_up(&te, width); break;
		case 10: te_down(&te, width); break;
		case 11: te_word_left(&te); break;
		case 12: te_word_right(&te); break;
		case 13: te_home(&te, width); break;
		case 14: te_end(&te, width); break;
		default:
			if ((r >> 40) % 4 == 0)
				te_delete_word_back(&te);
			else if ((r >> 40) % 4 == 1)
				te_kill_to_end(&te);
			break;
		}
		CHECK(te.text.len <= 300);
		CHECK(utf8_valid(te_text(&te), te.text.len, NULL));
		CHECK(te.cur == te.text.len || (te_text(&te)[te.cur] & 0xc0) != 0x80);
		CHECK(layout_ok(&te, width));
	}
	te_free(&te);
}

int main(void)
{
	RUN(insert_and_backspace_two_byte_letters);
	RUN(emoji_of_four_bytes_is_one_character);
	RUN(delete_wide_cjk_characters);
	RUN(combining_mark_moves_and_goes_with_its_letter);
	RUN(combining_marks_never_start_a_wrapped_line);
	RUN(layout_wraps_after_spaces);
	RUN(layout_breaks_a_word_longer_than_the_width);
	RUN(layout_never_splits_a_wide_character_at_the_edge);
	RUN(layout_explicit_newlines_and_trailing_newline);
	RUN(cursor_pos_after_a_wrap);
	RUN(cursor_column_stays_inside_the_width);
	RUN(up_and_down_keep_the_goal_column);
	RUN(up_and_down_over_wide_characters);
	RUN(up_and_down_over_wrapped_lines);
	RUN(home_and_end_of_the_wrapped_line);
	RUN(word_left_and_right);
	RUN(paste_into_a_multiline_field);
	RUN(paste_into_a_single_line_field);
	RUN(control_characters_are_dropped);
	RUN(invalid_utf8_becomes_replacement_characters);
	RUN(max_bytes_cuts_at_a_character_boundary);
	RUN(kill_to_end_of_the_logical_line);
	RUN(delete_word_back);
	RUN(changed_is_set_by_edits_only);
	RUN(empty_field);
	RUN(random_edits_keep_the_invariants);
	return unit_done();
}
