import type { Notice } from '../storage/app-files'

/**
 * When the system did not accept the app as the handler of its links (`setAsDefaultProtocolClient` answered
 * false: an AppImage, no .desktop file, a policy), clicking a reset link will not open the app. Said once, as a
 * notice on the home screen, with the way around it.
 */
export function linksWillNotOpenNotice(appName: string): Notice {
  return {
    level: 'warning',
    message: { code: 'notice.links-will-not-open', app: appName },
  }
}
