from . import controllers, models, spreadsheet, wizards
