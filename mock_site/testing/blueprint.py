from flask import Blueprint

bp = Blueprint("testing", __name__, url_prefix="/__test__")
