"""A small ``BaseEmailMessage`` with the behaviour djoser relies on.

It is a Django ``EmailMultiAlternatives`` that renders the blocks ``subject``, ``text_body`` and ``html_body`` of a
template with ``domain``, ``protocol``, ``site_name`` and ``user`` in the context, and sends with ``send(to=[...])``.
Without django.contrib.sites, the domain and the site name are the request's Host header (``RequestSite``), as
with the real package.
"""
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core import mail
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode


class BaseEmailMessage(mail.EmailMultiAlternatives):
    template_name = None
    _blocks = (("subject", "subject"), ("text_body", "body"), ("html_body", "html"))

    def __init__(self, request=None, context=None, template_name=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.context = {} if context is None else dict(context)
        self.html = None
        if template_name is not None:
            self.template_name = template_name

    def get_context_data(self, **kwargs):
        context = dict(kwargs)
        context.update(self.context)
        request = self.request
        if request is not None:
            site = get_current_site(request)
            domain = context.get("domain") or getattr(settings, "DOMAIN", "") or site.domain
            protocol = context.get("protocol") or ("https" if request.is_secure() else "http")
            site_name = context.get("site_name") or getattr(settings, "SITE_NAME", "") or site.name
            user = context.get("user") or request.user
        else:
            domain = context.get("domain") or getattr(settings, "DOMAIN", "")
            protocol = context.get("protocol") or "http"
            site_name = context.get("site_name") or getattr(settings, "SITE_NAME", "")
            user = context.get("user")
        context.update({"domain": domain, "protocol": protocol, "site_name": site_name, "user": user})
        return context

    def render(self):
        template = get_template(self.template_name)
        context = make_context(self.get_context_data(), request=self.request)
        with context.bind_template(template.template):
            nodes = {node.name: node for node in template.template.nodelist.get_nodes_by_type(BlockNode)}
            for block_name, attribute in self._blocks:
                node = nodes.get(block_name)
                if node is None:
                    continue
                text = node.render(context)
                if attribute == "subject":
                    text = " ".join(text.split())
                else:
                    text = text.strip("\n") + "\n"
                setattr(self, attribute, text)
        if self.html:
            self.attach_alternative(self.html, "text/html")

    def send(self, to, *args, **kwargs):
        self.render()
        self.to = list(to)
        self.cc = kwargs.pop("cc", [])
        self.bcc = kwargs.pop("bcc", [])
        self.reply_to = kwargs.pop("reply_to", [])
        self.from_email = kwargs.pop("from_email", settings.DEFAULT_FROM_EMAIL)
        return super().send(*args, **kwargs)
