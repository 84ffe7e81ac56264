#!/usr/bin/env bash
# Debian's numpy and Pillow for /usr/bin/python3: the generated vision apps are run against stand-in gradio and
# transformers modules (VisionAppsRunTests), which build real arrays and images.
set -euo pipefail
if /usr/bin/python3 -c "import numpy, PIL" 2>/dev/null; then
  echo "python3-numpy, python3-pil: present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-numpy python3-pil
/usr/bin/python3 -c "import numpy, PIL; print('numpy', numpy.__version__, 'Pillow', PIL.__version__)"
