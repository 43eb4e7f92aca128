"""The Content-Security-Policy of every page, in the page itself: the default host reads no
``_headers``.

GitHub Pages (where the workflow publishes by default) sends no header a site
chooses, so the policy of ``CONTENT_SECURITY_POLICY`` reaches visitors there only
as ``<meta http-equiv="Content-Security-Policy">`` in each page's ``<head>``
(theme component ``components/security_policy``). The same setting is the
``Content-Security-Policy`` of ``HOST_HEADERS`` (``_headers``, for Netlify and
Cloudflare Pages; ``output.host_files``), so the two never differ, except for
the directives browsers ignore in a ``<meta>`` policy (``frame-ancestors``,
``report-uri``, ``report-to``, ``sandbox``), which this plugin leaves out of it:
``X-Frame-Options`` and ``frame-ancestors`` protect only where headers are sent.

A layout with other needs (a browser editor at ``/admin/``) sets its own policy
before it extends ``base.html``: ``{% set content_security_policy = "..." %}``.
A host that reads ``_headers`` applies that file's policy as well, and a
browser enforces both: a looser page needs its own ``_headers`` rule too.

The Jinja filter ``meta_policy`` (at ``generator_init``) does the leaving out.
Settings: ``CONTENT_SECURITY_POLICY`` (default ``""``: no policy, as while writing).
"""

from pelican import signals

# Directives a <meta> policy may not carry (CSP Level 3, "Policy delivery"): browsers
# ignore them there and say so in the console.
META_UNSUPPORTED = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


def directives(policy):
    """[(name, value)] of a policy string, in order."""
    found = []
    for part in (policy or "").split(";"):
        words = part.split(None, 1)
        if words:
            found.append((words[0].lower(), words[1].strip() if len(words) > 1 else ""))
    return found


def meta_policy(policy):
    """The policy without the directives a <meta> policy does not support."""
    return "; ".join(f"{name} {value}".strip() for name, value in directives(policy)
                     if name not in META_UNSUPPORTED)


def add_filter(generator):
    generator.env.filters["meta_policy"] = meta_policy


def register():
    signals.generator_init.connect(add_filter)
