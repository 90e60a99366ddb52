/** The file name the product gets on Linux (executable, desktop entry) and in /etc: "Account Desk" → "account-desk". */
export function productSlug(productName: string): string {
  return (
    productName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'app'
  )
}
