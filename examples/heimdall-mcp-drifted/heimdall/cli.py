from cognitive_memory.core.version import SYSTEM_VERSION


def main() -> None:
    print(f"heimdall {SYSTEM_VERSION}")
