import { useEffect, useState } from "react";
import type { Editor } from "@tiptap/react";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import type { UndoManager } from "yjs";

export interface UndoState {
  undo: boolean;
  redo: boolean;
}

/**
 * Whether the user's own changes can be undone or redone, kept current. The Collaboration
 * extension brings the undo history (a Yjs UndoManager that tracks only this client's edits, so
 * undo never takes back what others typed); its stacks change outside editor transactions too
 * (when Yjs groups typing), so this listens to the manager as well as to the editor.
 */
export function useUndoState(editor: Editor): UndoState {
  const [state, setState] = useState<UndoState>({ undo: false, redo: false });
  useEffect(() => {
    const plugin = yUndoPluginKey.getState(editor.state) as
      { undoManager?: UndoManager } | undefined;
    const manager = plugin?.undoManager;
    const update = () => {
      const undo = manager ? manager.undoStack.length > 0 : editor.can().undo();
      const redo = manager ? manager.redoStack.length > 0 : editor.can().redo();
      setState((prev) => (prev.undo === undo && prev.redo === redo ? prev : { undo, redo }));
    };
    update();
    manager?.on("stack-item-added", update);
    manager?.on("stack-item-popped", update);
    manager?.on("stack-cleared", update);
    editor.on("transaction", update);
    return () => {
      manager?.off("stack-item-added", update);
      manager?.off("stack-item-popped", update);
      manager?.off("stack-cleared", update);
      editor.off("transaction", update);
    };
  }, [editor]);
  return state;
}
