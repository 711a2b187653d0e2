"""The data hoso ships: the .docx templates, the rule packs and the sample inputs.

In a checkout they are the top-level folders ``templates_docx/``, ``rules/`` and ``samples/``;
``setup.py`` maps them to the subpackages ``templates_docx``, ``rules`` and ``samples`` of this
package, so a wheel carries them and :mod:`pipeline.core.resources` finds them with
:mod:`importlib.resources` however hoso was installed.
"""
