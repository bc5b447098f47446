"""The PLOVER -> CAMEO mapping, kept in the knowledge base (sitrep.kb.cameo); re-exported
here for exports that write CAMEO codes."""

from sitrep.kb.cameo import CameoCode, cameo_for, load_cameo, quad_class

__all__ = ["CameoCode", "cameo_for", "load_cameo", "quad_class"]
