// Consumer of the `notes` fixture: a project laid out as a new user lays it
// out (clients.py, forms.py and channels.py in one app). Every hook, typed
// both ways; each `@ts-expect-error` line must be a compile error.
import {
  MizanContext,
  NotebookProvider,
  callAddNote,
  fetchNotes,
  useAddNote,
  useChatChannel,
  useNewNoteForm,
  useNotes,
} from "../build/notes/api";
import type { Note, Saved } from "../build/notes/api";

export async function stageOne(): Promise<number> {
  const note: Note = await callAddNote({ notebook_id: 1, text: "hello" });
  const notes: Note[] = await fetchNotes({ notebook_id: 1 });
  // @ts-expect-error a notebook id is a number
  await callAddNote({ notebook_id: "1", text: "hello" });
  // @ts-expect-error the text is required
  await callAddNote({ notebook_id: 1 });
  return note.id + notes.length;
}

function Notebook(): JSX.Element {
  const notes = useNotes();
  const addNote = useAddNote();
  const form = useNewNoteForm();
  const chat = useChatChannel({ notebook_id: 1 });
  form.setValue("text", "hello");
  // @ts-expect-error unknown form field
  form.setValue("title", "hello");
  void form.submit().then((saved: Saved | undefined) => saved?.saved);
  void addNote.mutate({ notebook_id: 1, text: form.values.text ?? "" });
  chat.send({ text: "hi" });
  // @ts-expect-error a channel message has a text
  chat.send({ body: "hi" });
  const texts: string[] = chat.messages.map((m) => m.text);
  return <ul>{notes.data?.map((n) => <li key={n.id}>{n.text}</li>)}{texts.join()}</ul>;
}

export function App(): JSX.Element {
  return (
    <MizanContext baseUrl="/api/mizan">
      <NotebookProvider notebook_id={1}>
        <Notebook />
      </NotebookProvider>
      {/* @ts-expect-error the provider needs its context's parameter */}
      <NotebookProvider />
    </MizanContext>
  );
}
