// Autosave with optimistic concurrency: a change schedules a save of the whole graph with the token last seen; one save
// at a time (a change during a save saves again after it). A 409 stops autosaving and says who changed it: the refused
// graph is kept on the server (draft history), nothing is lost.
export function createAutosave({ post, serialize, token, status, text, onSaved, delay = 1000 }) {
  let timer = null;
  let running = null;
  let dirty = false;
  let stopped = false;
  const state = { token };

  const show = (kind, message) => {
    status.dataset.state = kind;
    status.textContent = message;
  };

  async function save() {
    clearTimeout(timer);
    if (stopped) return false;
    if (running) { await running; if (!dirty) return true; }
    dirty = false;
    show('saving', text.saving);
    running = (async () => {
      const answer = await post('Save', { graph: serialize(), version: state.token.version, revision: state.token.revision });
      if (answer.status === 200) {
        state.token = answer.body.token;
        show('saved', text.saved.replace('{0}', state.token.version).replace('{1}', state.token.revision));
        onSaved(answer.body.problems ?? []);
        return true;
      }
      if (answer.status === 409) {
        stopped = true;
        show('conflict', answer.body.error ?? text.conflict);
        return false;
      }
      dirty = true;
      show('error', answer.body.error ?? text.saveFailed);
      return false;
    })();
    const ok = await running;
    running = null;
    if (ok && dirty) return save();
    return ok;
  }

  return {
    state,
    changed() {
      dirty = true;
      if (stopped) return;
      show('dirty', text.unsaved);
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    },
    /** Saves now if anything is unsaved; false when the save was refused. */
    async flush() { return dirty || running ? save() : !stopped; },
    get stopped() { return stopped; },
  };
}
