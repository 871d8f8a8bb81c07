/*
 * screen_firstrun.c - the first start on a machine: a calm welcome, then
 * the user's name and role (lokaal team, Regionaal Veiligheidsteam,
 * teamleider), saved with config_save. The name is who the audit trail
 * names. $DUO_USER (and $DUO_ROLE) skip this screen.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_impl.h"

#define WELCOME_W 64   /* the width of the welcome text */

static const struct ui_view_ops welcome_ops;

static const char *const roles[] = {"lokaal", "rvt", "teamleider"};
static const char *const role_help[] = {
	"Je werkt in een wijkteam of sociaal team en bent het vaste gezicht "
	"van het huishouden.",
	"Je werkt in het Regionaal Veiligheidsteam en komt erbij als de "
	"veiligheid in het geding is.",
	"Je leest mee, geeft tegenspraak en stelt analyses vast.",
};

static void ask_name(struct ui_app *app);

/* A calm welcome while the questions are asked. */
static void welcome_draw(struct ui_app *app, struct ui_view *v,
                         struct ui_rect r)
{
	int w = r.w - 4 < WELCOME_W ? r.w - 4 : WELCOME_W;
	int x = r.x + (r.w - w) / 2;

	(void)v;
	ui_put(app, r.y + 1, x, w, "Welkom bij duo", ui_look(app, UI_LOOK_HEADING));
	ui_put_wrapped(app, (struct ui_rect){r.y + 3, x, 4, w},
	               "duo is het gezamenlijke notitieboek van het lokale team en "
	               "het Regionaal Veiligheidsteam. Voor je begint, wil duo "
	               "weten wie je bent.", A_NORMAL);
}

/* Only the keys of everywhere. */
static int welcome_scopes(struct ui_app *app, struct ui_view *v,
                          enum ui_scope out[UI_SCOPES_MAX])
{
	(void)app;
	(void)v;
	out[0] = UI_SC_GLOBAL;
	return 1;
}

/* Ctrl-C stops; F1 asks the name again. */
static int welcome_action(struct ui_app *app, struct ui_view *v,
                          enum ui_action a, int key)
{
	(void)v;
	(void)key;
	if (a == UI_A_QUIT_NOW) {
		app->quit = 1;
		return 1;
	}
	if (a == UI_A_HELP) {
		ask_name(app);
		return 1;
	}
	return 0;
}

/* Free the welcome view. */
static void welcome_free(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	free(v);
}

/* The help line of the welcome screen. */
static const char *welcome_help(struct ui_app *app, struct ui_view *v)
{
	(void)app;
	(void)v;
	return "Je naam komt bij elke wijziging in het logboek, zodat altijd "
	       "te zien is wie wat veranderde.";
}

static const struct ui_view_ops welcome_ops = {
	.name = "welcome",
	.flags = 0,
	.scopes = welcome_scopes,
	.draw = welcome_draw,
	.action = welcome_action,
	.help = welcome_help,
	.free = welcome_free,
};

/* Save name and role, then open the database. */
static void finish(struct ui_app *app)
{
	struct diags d = {0};

	if (config_save(&app->cfg, &d) != 0)
		ui_error(app, "Je naam is niet bewaard: %s. duo vraagt het de "
		         "volgende keer opnieuw.", d.n ? d.v[0].msg : "");
	diags_free(&d);
	while (app->top)
		ui_view_pop(app);
	if (ui_app_started(app) == 0)
		ui_status(app, "Welkom, %s. Kies een huishouden, of maak er een "
		          "met n.", app->user);
}

/* The role was chosen (or not: back to the name). */
static void role_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	const struct ui_pick_item *it = ui_pick_chosen(dl);

	if (!ok || !it) {
		ask_name(app);
		return;
	}
	free(app->cfg.role);
	app->cfg.role = xstrdup(it->value);
	finish(app);
}

/* Ask the role: lokaal team, RVT or teamleider. */
static void ask_role(struct ui_app *app)
{
	struct ui_dialog *dl = ui_pick_new("Wat is je rol?", "Kies met \u2191 "
	                                   "en \u2193 en druk Enter.", 0);

	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
		const char *label = config_role_label(roles[i]);
		char *cap = xstrdup(label);

		if (cap[0] >= 'a' && cap[0] <= 'z')
			cap[0] = (char)(cap[0] - 'a' + 'A');
		ui_pick_add(dl, roles[i], cap, role_help[i]);
		free(cap);
	}
	if (app->cfg.role)
		ui_pick_select(dl, app->cfg.role);
	ui_dialog_show(app, dl, role_done, NULL, NULL);
}

/* A name is needed. */
static int name_check(struct ui_app *app, const char *text, char *msg,
                      size_t len)
{
	(void)app;
	if (text[strspn(text, " ")])
		return 0;
	snprintf(msg, len, "Typ je naam; die komt in het logboek.");
	return -1;
}

/* The name was typed (Esc: stop duo); then the role. */
static void name_done(struct ui_app *app, struct ui_dialog *dl, int ok)
{
	const char *t = ui_prompt_text(dl);
	size_t len;

	if (!ok) {
		app->quit = 1;
		return;
	}
	t += strspn(t, " ");
	len = strlen(t);
	while (len && t[len - 1] == ' ')
		len--;
	free(app->cfg.user);
	app->cfg.user = xstrndup(t, len);
	if (app->cfg.from_env || config_role_valid(app->cfg.role))
		finish(app);
	else
		ask_role(app);
}

/* Ask the user's name. */
static void ask_name(struct ui_app *app)
{
	ui_prompt(app, "Hoe heet je?", "Je voor- en achternaam, zoals je "
	          "collega's je kennen. Esc stopt duo.", app->cfg.user,
	          name_check, name_done, NULL, NULL);
}

/* See ui_impl.h. */
void ui_firstrun_start(struct ui_app *app)
{
	struct ui_view *v = xcalloc(1, sizeof *v);

	v->ops = &welcome_ops;
	v->undo_tag = UI_TAG_NONE;
	ui_view_push(app, v);
	ask_name(app);
}
