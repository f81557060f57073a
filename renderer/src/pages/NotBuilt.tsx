/** A section that is not built yet says so plainly instead of faking content. */
export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <div className="empty">
        <p>此功能尚在建设中，当前版本还不能使用。</p>
        <p className="muted">建成后可在这里：{what}。</p>
      </div>
    </section>
  )
}
