import logging
import time

from .demo_documents import create_demo_documents

_logger = logging.getLogger(__name__)

# The one password of every demo user. DEMO ONLY: never install egov_demo on a server that
# is reachable by anyone but its testers.
DEMO_PASSWORD = "egov-demo"


def post_init_hook(env):
    """Finish the sample province: Vietnamese interface, demo passwords, and documents
    created through the real workflows (their numbers come from the registers)."""
    started = time.monotonic()
    load_vietnamese(env)
    # the documents are made by the agencies' Vietnamese users: their chatter, tracking
    # lines and to-dos are written in Vietnamese, with the translations just loaded
    env.invalidate_all()
    env = env(context=dict(env.context, lang="vi_VN"))
    set_demo_passwords(env)
    create_demo_documents(env)
    _logger.info("egov_demo: sample province ready in %.1f s", time.monotonic() - started)


def load_vietnamese(env):
    """Activate vi_VN (already done by the data, harmless twice) and load its translations
    for the modules installed before this one; Odoo loads this module's own after its data."""
    env["res.lang"]._activate_lang("vi_VN")
    installed = env["ir.module.module"].search([("state", "=", "installed")])
    installed._update_translations(["vi_VN"])


def demo_users(env):
    """The users created by this addon's data."""
    user_ids = (
        env["ir.model.data"]
        .search([("module", "=", "egov_demo"), ("model", "=", "res.users")])
        .mapped("res_id")
    )
    return env["res.users"].browse(user_ids).exists()


def set_demo_passwords(env):
    """Give every demo user the demo password.

    Hashing costs about a second per user (600 000 PBKDF2 rounds), so the password is hashed
    once and the same hash stored for every demo user: same password, same salt, which is
    acceptable for demo accounts only.
    """
    users = demo_users(env)
    password_hash = env["res.users"]._crypt_context().hash(DEMO_PASSWORD)
    for user in users:
        env["res.users"]._set_encrypted_password(user.id, password_hash)
