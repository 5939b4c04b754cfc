from . import models, uploads, wizards
