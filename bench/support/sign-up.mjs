/**
 * Signs someone up through the web app on a fresh page of `context` and returns the page, at the
 * empty chat list (e2e/support/people.ts does the same with Vitest's expect.poll).
 */
export async function signUpInBrowser(server, context, national, name) {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Country').selectOption('US');
  await page.getByLabel('Phone number').fill(national);
  await page.getByRole('button', { name: 'Next' }).click();
  let code = '';
  while (code === '') {
    await new Promise((resolve) => setTimeout(resolve, 200));
    code = await server.lastCode(`+1${national.replace(/\D/g, '')}`).catch(() => '');
  }
  await page.getByLabel('6-digit code').fill(code);
  await page.getByLabel('6-digit code').press('Enter');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'No chats yet' }).waitFor();
  return page;
}
