from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        result = super()._post_load_data(template_code, company, template_data)
        # The devices sold to communes are products the suite creates when it
        # is installed, usually before the company has its chart of accounts
        # (Odoo loads it last): they get the company's default sales tax like
        # any product created afterwards.
        device_products = (
            self.env["reboot.device.type"]
            .sudo()
            .with_context(active_test=False)
            .search([])
            .product_id.product_tmpl_id
        )
        device_products.filtered(
            lambda product: not product.taxes_id.filtered_domain(
                product.taxes_id._check_company_domain(company)
            )
        )._force_default_sale_tax(company)
        return result
