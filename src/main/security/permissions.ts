/** Checklist row 5: the renderer needs no permission at all, so every request and check is denied. */
export const denyPermissionRequest = (
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false)

export const denyPermissionCheck = (): boolean => false

/** Device pickers (HID, serial, USB, Bluetooth): nothing is ever chosen. */
export const denyDevicePermission = (): boolean => false
