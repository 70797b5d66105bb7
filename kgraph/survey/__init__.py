"""The network and knowledge survey: waves, personal links, answers, closing a wave.

A *wave* is one round of the survey, named by its date (``2026-12-01``): every
person present on that date gets a personal link with a 128-bit token, stored only
as its SHA-256 hash. A respondent names the colleagues they go to for advice, work
with and are kept informed by (a roster survey, as Polinode and Kumu run it), rates
their own level on the knowledge their team needs, and names what their team lacks.
Closing the wave turns the answers into ties, skills and needs dated to the wave,
through the same validation as an import.

Everything here keeps its data as keyed records of the store
(:meth:`kgraph.store.Store.put_record`), outside the organisation's data, until a
wave is closed:

- :mod:`.waves`: waves, tokens and answers as records; looking a token up;
- :mod:`.answers`: checking what a respondent sends (the form and the JSON route);
- :mod:`.form`: what the form shows a respondent;
- :mod:`.convert`: the answers as rows of the input format, validated, and merged
  into the organisation (pure functions);
- :mod:`.status`: the response rate per team and department, small groups merged;
- :mod:`.longformat`: answers from another survey tool (``respondent_id, question, answer``).

The facade functions (``kgraph.survey_create``, ``kgraph.survey_status``, ...) are
in :mod:`kgraph.app.survey`.
"""
