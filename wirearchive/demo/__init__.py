"""The offline demo news world: wire services, outlets and a content farm served on 127.0.0.1.

:func:`wirearchive.demo.world.build_world` builds every page (pure); the server module serves
them (:func:`wirearchive.demo.server.serve_demo_world`, or ``python -m wirearchive.demo.server``).
"""
