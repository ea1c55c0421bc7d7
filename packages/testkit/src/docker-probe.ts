// Asks testcontainers whether a container runtime answers, with a short deadline so machines
// without Docker (these build machines) do not wait on it.
export async function dockerAnswers(timeoutMs = 5_000): Promise<boolean> {
  const probe = (async () => {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  })().catch(() => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return await Promise.race([probe, timeout]);
}
