"""The offline demo news world: wire services, outlets and a content farm served on 127.0.0.1.

:func:`demoworld.world.build_world` builds every page (pure); the server module serves
them (:func:`demoworld.server.serve_demo_world`, or ``python -m demoworld.server``).
"""
