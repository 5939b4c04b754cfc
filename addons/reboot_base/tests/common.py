import warnings
from contextlib import contextmanager

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader


class RefusalMixin:
    @contextmanager
    def assertRefused(self, exception, regex):
        """The call fails with a message matching `regex` and writes nothing
        (the savepoint plays the role of the request's rollback)."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield


def untranslated_terms(env, module, lang="fr_FR"):
    """Source terms of `module` that its i18n/<lang>.po leaves untranslated."""
    po_path = f"{get_module_path(module)}/i18n/{lang.split('_')[0]}.po"
    translated = {
        entry.msgid for entry in polib.pofile(po_path) if entry.msgstr.strip()
    }
    with warnings.catch_warnings():
        # Babel 2.10 (pinned by Odoo) still imports pkg_resources to extract terms.
        warnings.filterwarnings("ignore", "pkg_resources is deprecated")
        reader = TranslationModuleReader(env.cr, modules=[module])
        terms = list(reader)
    return sorted(
        {
            source
            for (mod, _type, _name, _res_id, source, _value, _comments) in terms
            if mod == module and source.strip() and source not in translated
        }
    )


def perform_jobs(env, trap):
    """Run the background jobs queue_job's `trap` holds, as its runner would:
    then each job's transaction commits, which marks the job done (its
    post-commit hook; a test's transaction never commits)."""
    trap.perform_enqueued_jobs()
    env.cr.postcommit.run()
