from odoo import fields, models
from odoo.tools.pdf import merge_pdf


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    reboot_one_run_per_record = fields.Boolean(
        string="One PDF run per record",
        help="Render each record's document on its own, then join the files. "
        "Debian's wkhtmltopdf (unpatched Qt) fails on several documents in one "
        "run, so printing a selection of receipts would fail otherwise.",
    )
    reboot_light_style = fields.Boolean(
        string="Light stylesheet in PDF",
        help="Print the PDF with the suite's light stylesheet (what its long "
        "documents use of Bootstrap) instead of Odoo's report stylesheet: "
        "wkhtmltopdf renders long documents about twice as fast. The HTML "
        "preview keeps Odoo's stylesheet.",
    )

    def _get_layout(self):
        if len(self) == 1 and self.reboot_light_style:
            return self.env.ref("reboot_base.minimal_layout_light")
        return super()._get_layout()

    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        """Odoo waits `report.print_delay` (1 s) for each page's javascript;
        documents without any (the suite's long ones: the donor dossier's
        parts) pass `reboot_print_delay` in the context to wait less."""
        command = super()._build_wkhtmltopdf_args(*args, **kwargs)
        delay = self.env.context.get("reboot_print_delay")
        if delay is not None and "--javascript-delay" in command:
            command[command.index("--javascript-delay") + 1] = str(int(delay))
        return command

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        report = self._get_report(report_ref)
        ids = [res_ids] if isinstance(res_ids, int) else list(res_ids or [])
        if not report.reboot_one_run_per_record or len(set(ids)) < 2:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        documents = []
        for res_id in ids:
            content, kind = super()._render_qweb_pdf(
                report_ref, res_ids=[res_id], data=dict(data or {})
            )
            if kind != "pdf":  # HTML, as Odoo's tests render reports
                return super()._render_qweb_pdf(report_ref, res_ids=ids, data=data)
            documents.append(content)
        return merge_pdf(documents), "pdf"

    def _reboot_pdf_in_one_run(self, report_ref, res_ids):
        """The PDF of `report_ref` for `res_ids` as Odoo renders it (the same
        HTML, one wkhtmltopdf run), without what Odoo adds to keep a PDF per
        record: it cuts the run's PDF into one file per record, then merges
        them again (600 certificates: 600 files written and read). For long
        documents that nobody keeps per record (the donor dossier's parts)."""
        report = self._get_report(report_ref)
        context = {"debug": False}  # one assets bundle, as Odoo renders PDFs
        html = self.with_context(**context)._render_qweb_html(
            report_ref, res_ids, data={"debug": False}
        )[0]
        bodies, _ids, header, footer, paper = report.with_context(
            **context
        )._prepare_html(html, report_model=report.model)
        return self._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=self.env.context.get("landscape"),
            specific_paperformat_args=paper,
            set_viewport_size=self.env.context.get("set_viewport_size"),
        )
