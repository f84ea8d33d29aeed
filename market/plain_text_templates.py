"""Template loaders of the "plaintext" engine (settings: TEMPLATES): the same
template folders, but only `.txt` templates, which that engine renders with
HTML autoescaping off.

Plain-text e-mails are rendered by name from many places (Oscar's
communication event types: order placed, password reset, registration...;
ours through market.mail). Under the default engine a product called
`Xalça "Quba" & Co` arrived as `Xalça &quot;Quba&quot; &amp; Co`. Asked
first, this engine serves every `.txt` template unescaped; HTML templates
are never found by it and stay with the default, escaping engine.
"""

from django.template.loaders import app_directories, filesystem


def _text_only(sources, template_name: str):
    if template_name.endswith(".txt"):
        yield from sources


class FilesystemLoader(filesystem.Loader):
    def get_template_sources(self, template_name):
        return _text_only(super().get_template_sources(template_name), template_name)


class AppDirectoriesLoader(app_directories.Loader):
    def get_template_sources(self, template_name):
        return _text_only(super().get_template_sources(template_name), template_name)
