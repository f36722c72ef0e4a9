"""The build hook of `pip install ./python` (docs/python.md, Install).

Builds the C ABI of the Swift package, `swift build -c release --product ReflectiveEquilibriumC`,
in the repository this directory belongs to (or the package at $WRE_SWIFT_PACKAGE), and ships
the library inside the wheel as `wre/lib/libReflectiveEquilibriumC.so`. For an editable install
(`pip install -e ./python`) the library is copied into `src/wre/lib/` instead. The wheel is
tagged py3-none-<platform>: any Python 3 (ctypes, no extension module), but this platform
only, and it links the Swift runtime of the toolchain that built it (found through its RUNPATH).
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PRODUCT = "ReflectiveEquilibriumC"


def library_name() -> str:
    return f"lib{PRODUCT}.dylib" if sys.platform == "darwin" else f"lib{PRODUCT}.so"


class SwiftLibraryHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        package = Path(os.environ.get("WRE_SWIFT_PACKAGE") or Path(self.root).parent).resolve()
        if not (package / "Package.swift").is_file():
            raise RuntimeError(
                f"wre: cannot build the Swift library: no Package.swift in {package} "
                "(install from the repository, `pip install ./python`, or set WRE_SWIFT_PACKAGE)"
            )
        configuration = os.environ.get("WRE_SWIFT_CONFIGURATION", "release")
        command = ["swift", "build", "-c", configuration, "--product", PRODUCT, "--package-path", str(package)]
        self.app.display_info("wre: " + " ".join(command))
        try:
            subprocess.run(command, check=True)
        except FileNotFoundError as error:
            raise RuntimeError("wre: `swift` is not on PATH: the package needs the Swift toolchain to build") from error
        bin_path = subprocess.run(command + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip()
        library = Path(bin_path) / library_name()
        if not library.is_file():
            raise RuntimeError(f"wre: swift build did not produce {library}")
        if version == "editable":
            target = Path(self.root) / "src" / "wre" / "lib"
            target.mkdir(exist_ok=True)
            shutil.copy2(library, target / library.name)
        else:
            build_data["force_include"][str(library)] = f"wre/lib/{library.name}"
        # Any Python 3 (ctypes, no extension module), this platform only.
        build_data["pure_python"] = False
        build_data["tag"] = "py3-none-" + sysconfig.get_platform().replace("-", "_").replace(".", "_")
