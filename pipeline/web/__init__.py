"""``hoso serve``: the workbench, a local web application over the same files, rules and pipeline
as the command line (:mod:`pipeline.web.app`)."""
